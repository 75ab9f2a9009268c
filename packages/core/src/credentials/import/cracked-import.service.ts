import { type Tx, writeTransaction } from '@steppingstones/db';
import type { CrackedImportResult } from '@steppingstones/shared/credentials';
import type { AuditActor } from '../../audit/index.ts';
import { type Principal, requireEngagementPermission } from '../../permissions/index.ts';
import type { ServiceContext } from '../../service-context.ts';
import { vaultEngagement } from '../credential-engagement.ts';
import { hashKey, textKey } from '../credential-keys.ts';
import { crackCandidates, decodeHexPlain, EMPTY_LM_HALF, isLmHalf } from './cracked-line.ts';
import { fillSecrets, openLmRows, rowsWithHashKeys, type StoredHash } from './cracked-match.ts';
import { BatchCommits, type ImportProgress } from './import-batches.ts';
import { capped, type ImportInput, Rejections } from './import-limits.ts';
import {
  failImportRecord,
  finishImportRecord,
  markImportRunning,
  startImportRecord,
} from './import-record.ts';
import { type NumberedLine, readLineBatches } from './line-reader.ts';

/** Lines per batch (one transaction each; commits are costly, see DUMP_BATCH). */
export const CRACKED_BATCH = 20_000;
const MAX_LINE = 20_000;

/**
 * Matches cracked lines against an engagement's vault, batch by batch, each batch in its own
 * transaction (a crack only fills still-uncracked rows, so a re-run after a failure adds the rest).
 */
export class CrackMatcher {
  private readonly crackedKeys = new Set<string>();
  private accounts = 0;
  private unmatched = 0;
  private readonly halves = new Map<string, { plain: string; lines: number }>();
  readonly rejections = new Rejections();
  private batch: NumberedLine[] = [];

  constructor(
    private readonly ctx: ServiceContext,
    private readonly engagementId: number,
    private readonly commits?: BatchCommits,
  ) {}

  /** Queues a line; a promise only when the batch is full and being matched. */
  add(line: NumberedLine): Promise<void> | undefined {
    this.batch.push(line);
    return this.batch.length >= CRACKED_BATCH ? this.flush() : undefined;
  }

  private async flush(): Promise<void> {
    const through = this.batch.at(-1)?.line ?? 0;
    await writeTransaction(this.ctx.db, (tx) => this.match(tx));
    this.commits?.committed(through);
  }

  /** What the committed batches added, in the result's field names (for a stopped import). */
  counts(): Record<string, number> {
    return { cracked_hashes: this.crackedKeys.size, accounts: this.accounts };
  }

  private async match(tx: Tx): Promise<void> {
    const lines: Array<{ line: number; cands: ReturnType<typeof crackCandidates> }> = [];
    for (const { line, text, undecodable } of this.batch) {
      const t = text.replace(/^\s+|[\r\n]+$/g, '');
      if (t === '') continue;
      if (undecodable) this.rejections.add(line, 'is not valid UTF-8 text (use $HEX[…] for other bytes)');
      else if (t.length > MAX_LINE) this.rejections.add(line, 'is longer than 20,000 characters');
      else if (!t.includes(':')) this.rejections.add(line, 'has no colon (expected hash:plaintext)');
      else lines.push({ line, cands: crackCandidates(t) });
    }
    this.batch = [];
    const keys = [...new Set(lines.flatMap((l) => l.cands.map((c) => hashKey(c.hash))))];
    const byKey = new Map<string, StoredHash[]>();
    for (const r of await rowsWithHashKeys(tx, this.engagementId, keys)) {
      const list = byKey.get(r.hash_key) ?? [];
      list.push(r);
      byKey.set(r.hash_key, list);
    }
    const fills = new Map<number, string>();
    for (const { line, cands } of lines) {
      let best: { rows: StoredHash[]; plain: string; key: string; weight: number } | null = null;
      for (const c of cands) {
        const key = hashKey(c.hash);
        let rows = byKey.get(key);
        if (rows && c.account !== null) rows = rows.filter((r) => r.account_key === textKey(c.account ?? ''));
        if (rows?.length && (!best || c.weight > best.weight))
          best = { rows, plain: c.plain, key, weight: c.weight };
      }
      if (!best) {
        const half = cands.filter((c) => isLmHalf(c.hash)).at(-1);
        if (half) {
          const k = half.hash.toLowerCase();
          const plain = decodeHexPlain(half.plain);
          if (plain === null) this.rejections.add(line, 'has a $HEX[…] plaintext that is not UTF-8');
          else this.halves.set(k, { plain, lines: (this.halves.get(k)?.lines ?? 0) + 1 });
        } else this.unmatched++;
        continue;
      }
      const plain = decodeHexPlain(best.plain);
      if (plain === null) {
        this.rejections.add(line, 'has a $HEX[…] plaintext that is not UTF-8');
        continue;
      }
      for (const r of best.rows)
        if (r.open && !fills.has(r.id)) {
          fills.set(r.id, plain);
          r.open = false;
          this.crackedKeys.add(best.key);
        }
    }
    this.accounts += await fillSecrets(
      tx,
      [...fills].map(([id, secret]) => ({ id, secret })),
    );
  }

  /** Matches what is left, then LM halves against full LM hashes; returns the result. */
  async finish(): Promise<CrackedImportResult> {
    await this.flush();
    if (this.halves.size) await writeTransaction(this.ctx.db, (tx) => this.matchHalves(tx));
    return {
      cracked_hashes: this.crackedKeys.size,
      accounts: this.accounts,
      unmatched: this.unmatched,
      rejected: this.rejections.result(),
    };
  }

  /** LM halves cracked on their own, combined into the full LM hashes they make up. */
  private async matchHalves(tx: Tx): Promise<void> {
    {
      const used = new Set<string>();
      const fills: Array<{ id: number; secret: string }> = [];
      for (const r of await openLmRows(tx, this.engagementId)) {
        const [a, b] = [r.hash_key.slice(0, 16), r.hash_key.slice(16, 32)];
        const pa = a === EMPTY_LM_HALF ? '' : this.halves.get(a)?.plain;
        const pb = b === EMPTY_LM_HALF ? '' : this.halves.get(b)?.plain;
        if (pa === undefined || pb === undefined) continue;
        used.add(a).add(b);
        fills.push({ id: r.id, secret: pa + pb });
        this.crackedKeys.add(r.hash_key);
      }
      this.accounts += await fillSecrets(tx, fills);
      for (const [k, h] of this.halves) if (!used.has(k)) this.unmatched += h.lines;
    }
  }
}

export interface CrackedRunOptions {
  actor: AuditActor;
  maxBytes: number;
  onBytes?: (total: number) => void;
  filename?: string;
  onStarted?: (importId: number) => void;
  /** Called after each committed batch: bytes read and the last line committed. */
  onProgress?: (progress: ImportProgress) => void;
  /** Run an import queued earlier (its record exists) instead of recording a new one. */
  importId?: number;
}

/**
 * Imports `hashcat --show` output or a potfile (or pasted text) into an engagement's vault:
 * set-based matching committed batch by batch, every account and history entry sharing a hash filled in.
 */
export async function importCracked(
  ctx: ServiceContext,
  principal: Principal,
  engagementCode: string,
  input: ImportInput,
  run: CrackedRunOptions,
): Promise<CrackedImportResult & { import_id: number }> {
  const { db } = ctx;
  const engagement = await vaultEngagement(db, principal, engagementCode, 'credential.change');
  let bytes = 0;
  const body = capped(input, run.maxBytes, (total) => {
    bytes = total;
    run.onBytes?.(total);
  });
  const importId =
    run.importId ?? (await startImportRecord(ctx, engagement.id, 'cracked', run.filename ?? '', run.actor));
  if (run.importId !== undefined) await markImportRunning(db, importId);
  run.onStarted?.(importId);
  const commits = new BatchCommits(run.onProgress, () => bytes);
  const matcher = new CrackMatcher(ctx, engagement.id, commits);
  try {
    for await (const batch of readLineBatches(body))
      for (const line of batch) {
        const full = matcher.add(line);
        if (full) await full;
      }
    const result = await matcher.finish();
    await finishImportRecord(ctx, importId, result, { bytes, lines: commits.linesDone });
    return { ...result, import_id: importId };
  } catch (error) {
    const reported = commits.stopped(error, matcher.counts());
    await failImportRecord(ctx, importId, reported);
    throw reported;
  }
}

/** The HashMob submission: `hash:plain` founds of one engagement (the token's), the same matcher. */
export async function submitFounds(
  ctx: ServiceContext,
  principal: Principal,
  engagementId: number,
  founds: string[],
): Promise<CrackedImportResult> {
  requireEngagementPermission(principal, engagementId, 'credential.change', 'The engagement');
  const matcher = new CrackMatcher(ctx, engagementId);
  let n = 0;
  for (const text of founds) {
    const full = matcher.add({ line: ++n, text, undecodable: false });
    if (full) await full;
  }
  return matcher.finish();
}
