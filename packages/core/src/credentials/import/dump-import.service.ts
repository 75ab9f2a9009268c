import type { DumpImportResult, DumpImportType } from '@steppingstones/shared/credentials';
import type { AuditActor } from '../../audit/index.ts';
import { ValidationError } from '../../errors.ts';
import type { Principal } from '../../permissions/index.ts';
import type { ServiceContext } from '../../service-context.ts';
import { vaultEngagement } from '../credential-engagement.ts';
import type { VaultFinding } from '../credential-ingest.service.ts';
import {
  checkHashType,
  parseUserHashLine,
  parseUserHashSecretLine,
  parseUserSecretLine,
} from './colon.parser.ts';
import { type DumpOptions, finding, type LineOutcome } from './dump-line.ts';
import { DumpSink } from './dump-sink.ts';
import { grepExtractor } from './grep-extract.ts';
import { BatchCommits, type ImportProgress } from './import-batches.ts';
import { capped, type ImportInput, Rejections } from './import-limits.ts';
import {
  failImportRecord,
  finishImportRecord,
  markImportRunning,
  startImportRecord,
} from './import-record.ts';
import { parseKeepass } from './keepass.parser.ts';
import { readLineBatches, readLines } from './line-reader.ts';
import { parsePwdumpLine, parseSecretsdumpLine } from './secretsdump.parser.ts';

export interface DumpImportParams {
  engagement: string;
  type: DumpImportType;
  system?: string | undefined;
  hashType?: number | undefined;
  filename?: string | undefined;
}

export interface ImportRunOptions {
  actor: AuditActor;
  maxBytes: number;
  onBytes?: (total: number) => void;
  /** Called with the import's id once its record exists (before the work starts). */
  onStarted?: (importId: number) => void;
  /** Called after each committed batch: bytes read and the last line committed. */
  onProgress?: (progress: ImportProgress) => void;
  /** Run an import queued earlier (its record exists) instead of recording a new one. */
  importId?: number;
}

/** grep text is handed to the extractors in pieces of about this size, cut at blank lines. */
const GREP_PIECE = 256 * 1024;

const LINE_PARSERS: Partial<Record<DumpImportType, (line: string, o: DumpOptions) => LineOutcome>> = {
  secretsdump: parseSecretsdumpLine,
  pwdump: parsePwdumpLine,
  'user-hash': parseUserHashLine,
  'user-secret': parseUserSecretLine,
  'user-hash-secret': parseUserHashSecretLine,
};

/** Line types: history lines join the account read just before them (secretsdump writes them so). */
async function importLines(
  batches: AsyncIterable<Array<{ line: number; text: string; undecodable: boolean }>>,
  parse: (line: string, o: DumpOptions) => LineOutcome,
  options: DumpOptions,
  sink: DumpSink,
  rejections: Rejections,
): Promise<void> {
  let pending: VaultFinding[] = [];
  let last = 0;
  const keyOf = (system: string, account: string) => `${system.toLowerCase()}\u0000${account.toLowerCase()}`;
  for await (const batch of batches)
    for (const { line, text, undecodable } of batch) {
      last = line;
      if (undecodable) {
        rejections.add(line, 'is not valid UTF-8 text (save the file as UTF-8)');
        continue;
      }
      const outcome = parse(text, options);
      if ('skip' in outcome) continue;
      if ('reject' in outcome) {
        rejections.add(line, outcome.reject);
        continue;
      }
      if ('history' in outcome) {
        const h = outcome.history;
        const owner = keyOf(h.system, h.account);
        const add = (type: number, hash: string | null) => {
          if (hash === null) return;
          let f = pending.find((p) => keyOf(p.system, p.account) === owner && p.hashType === type);
          if (!f) {
            f = finding({
              system: h.system,
              account: h.account,
              hashType: type,
              purpose: 'Windows Login',
              source: 'Impacket secretsdump.py',
            });
            pending.push(f);
          }
          const history = [...(f.history ?? [])];
          history[h.index] = hash;
          f.history = Array.from(history, (x) => x ?? '');
        };
        add(3000, h.lm);
        add(1000, h.nt);
        continue;
      }
      // The pending account (with its history) covers the lines before this one.
      const full = sink.add(pending, line - 1);
      if (full) await full;
      pending = outcome.findings;
    }
  await sink.add(pending, last);
}

async function importGrep(
  lines: AsyncIterable<{ line: number; text: string }>,
  options: DumpOptions,
  sink: DumpSink,
): Promise<void> {
  const extract = grepExtractor();
  let piece: string[] = [];
  let size = 0;
  let last = 0;
  const run = async () => {
    if (!piece.length) return;
    const found = extract(piece.join('\n'), { defaultSystem: options.system });
    piece = [];
    size = 0;
    await sink.add(
      found.map((f) => ({ ...f, system: f.system || options.system })),
      last,
    );
  };
  for await (const { line, text } of lines) {
    last = line;
    piece.push(text);
    size += text.length + 1;
    if (size >= GREP_PIECE && text.trim() === '') await run();
  }
  await run();
}

async function readAll(input: ImportInput): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of input) parts.push(typeof c === 'string' ? Buffer.from(c) : Buffer.from(c));
  return Buffer.concat(parts).toString('utf8');
}

/**
 * Imports a dump into an engagement's vault, streaming the file line by line and committing it batch
 * by batch (each batch whole or absent; see ImportStoppedError for a failure half-way). Returns what
 * the API answers; the import is recorded with its result.
 */
export async function importDump(
  ctx: ServiceContext,
  principal: Principal,
  params: DumpImportParams,
  input: ImportInput,
  run: ImportRunOptions,
): Promise<DumpImportResult & { import_id: number }> {
  const { db } = ctx;
  const engagement = await vaultEngagement(db, principal, params.engagement, 'credential.add');
  const typeProblem = checkHashType(params.hashType);
  if (typeProblem) throw ValidationError.field('hash_type', typeProblem);
  if (params.type === 'grep') grepExtractor();
  const options: DumpOptions = {
    system: (params.system ?? '').trim(),
    hashType: params.hashType ?? null,
    filename: params.filename ?? '',
  };
  let bytes = 0;
  const body = capped(input, run.maxBytes, (total) => {
    bytes = total;
    run.onBytes?.(total);
  });
  const importId =
    run.importId ??
    (await startImportRecord(ctx, engagement.id, params.type, params.filename ?? '', run.actor));
  if (run.importId !== undefined) await markImportRunning(db, importId);
  run.onStarted?.(importId);
  const commits = new BatchCommits(run.onProgress, () => bytes);
  const sink = new DumpSink(ctx, engagement.id, importId, run.actor, commits);
  try {
    const rejections = new Rejections();
    if (params.type === 'keepass') {
      const parsed = parseKeepass(await readAll(body), options);
      for (const r of parsed.rejected) rejections.add(r.line, r.reason);
      for (const f of parsed.findings) {
        const full = sink.add([f.finding], f.line);
        if (full) await full;
      }
    } else if (params.type === 'grep') {
      await importGrep(readLines(body), options, sink);
    } else {
      const parse = LINE_PARSERS[params.type];
      if (!parse) throw ValidationError.field('type', `unknown import type ${params.type}`);
      await importLines(readLineBatches(body), parse, options, sink, rejections);
    }
    await sink.flush();
    const result: DumpImportResult = {
      new_hashes: sink.counts.newHashes,
      new_secrets: sink.counts.newSecrets,
      history_hashes: sink.counts.historyHashes,
      duplicates: sink.counts.duplicates,
      rejected: rejections.result(),
    };
    await finishImportRecord(ctx, importId, result, { bytes, lines: commits.linesDone });
    return { ...result, import_id: importId };
  } catch (error) {
    const reported = commits.stopped(error, sink.result());
    await failImportRecord(ctx, importId, reported);
    throw reported;
  }
}
