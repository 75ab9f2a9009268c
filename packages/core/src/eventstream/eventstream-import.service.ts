import { writeTransaction } from '@steppingstones/db';
import type { IngestCounts } from '../credentials/credential-ingest.service.ts';
import { assertWritable } from '../engagements/index.ts';
import { appendDomainEvent } from '../outbox/index.ts';
import { hasEngagementPermission, type Principal } from '../permissions/index.ts';
import { inTransaction, type ServiceContext } from '../service-context.ts';
import { addCounts, ingestLineFindings, lineFindings, NO_CREDENTIALS } from './eventstream-credentials.ts';
import { eventstreamEngagement } from './eventstream-engagement.ts';
import { insertLineRows, insertLineRowsCounted } from './eventstream-line.insert.ts';
import { linkLineCredentials } from './eventstream-line-credentials.ts';
import { preparedInline, preparedInThread } from './eventstream-prepare.client.ts';
import type { PreparedLine } from './eventstream-prepare.ts';
import { DEFAULT_MAX_LINE_BYTES } from './line-reader.ts';

/** What an import answers (the API body, the CLI's `--json` line, the job's result). */
export interface EventStreamImportResult {
  added: number;
  duplicates: number;
  rejected: Array<{ line: number; reason: string }>;
  /**
   * What the credential extractors added to the vault from the new lines (absent when the importer may
   * not add credentials). Not part of the API's answer, which is exactly the three keys above.
   */
  credentials?: IngestCounts;
}

export interface EventStreamImportProgress {
  bytes: number;
  lines: number;
  added: number;
  duplicates: number;
  rejected: number;
}

export interface EventStreamImportOptions {
  maxLineBytes?: number;
  /** Called after every written batch (and with the bytes read as chunks arrive). */
  onProgress?: (progress: EventStreamImportProgress) => void;
  /** Recorded as the importer; defaults to the principal's username (`cli` for the command line). */
  importedByName?: string;
  /**
   * false: the new lines do not feed the credential extractors even when the principal may add
   * credentials (a queued import keeps what its starter was allowed when it was queued).
   */
  credentials?: boolean;
  /**
   * Prepare the lines (parse, check, identity, extraction) in a thread while the batches are written:
   * for large inputs, where starting the thread pays for itself.
   */
  parallel?: boolean;
  signal?: AbortSignal;
}

/** Lines per transaction: each batch is written whole or not at all. */
const BATCH = 1000;

/**
 * Imports EventStream JSON Lines into an engagement. Each line is parsed and checked on its own; a bad
 * one is rejected with its number and reason and the rest go on. Lines are written in batches, each
 * in one transaction; a line already stored in the engagement (every field equal) is a duplicate and
 * adds nothing, so importing a file twice changes nothing.
 */
export async function importEventStream(
  ctx: ServiceContext,
  principal: Principal,
  engagementCode: string,
  input: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  options: EventStreamImportOptions = {},
): Promise<EventStreamImportResult> {
  const { db } = ctx;
  const engagement = await eventstreamEngagement(db, principal, engagementCode, 'eventstream.add');
  assertWritable(engagement);
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const result: EventStreamImportResult = { added: 0, duplicates: 0, rejected: [] };
  const progress: EventStreamImportProgress = { bytes: 0, lines: 0, added: 0, duplicates: 0, rejected: 0 };
  function report(change: Partial<EventStreamImportProgress>) {
    Object.assign(progress, change, {
      added: result.added,
      duplicates: result.duplicates,
      rejected: result.rejected.length,
    });
    options.onProgress?.(progress);
  }
  const who = {
    id: principal.userId > 0 ? principal.userId : null,
    name: options.importedByName ?? principal.username,
    // Extraction adds to the vault: only for an importer who may add credentials in the engagement.
    credentials:
      options.credentials !== false && hasEngagementPermission(principal, engagement.id, 'credential.add'),
  };
  if (who.credentials) result.credentials = { ...NO_CREDENTIALS };
  const prepare = options.parallel ? preparedInThread : preparedInline;
  const prepared = prepare(input, {
    maxLineBytes,
    // In a thread, extraction runs there for every line; inline, only new lines are read, once written.
    extract: who.credentials && options.parallel === true,
    batch: BATCH,
    onBytes: (bytes) => report({ bytes }),
  });
  let batch: PreparedLine[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const written = await writeLines(ctx, engagement.id, who, batch);
    result.added += written.added;
    result.duplicates += batch.length - written.added;
    if (result.credentials) addCounts(result.credentials, written.credentials);
    batch = [];
    report({});
  };
  for await (const { items, lines } of prepared) {
    options.signal?.throwIfAborted();
    progress.lines = lines;
    for (const item of items) {
      if ('reason' in item) result.rejected.push({ line: item.line, reason: item.reason });
      else {
        batch.push(item);
        if (batch.length >= BATCH) await flush();
      }
    }
  }
  await flush();
  if (result.added > 0)
    await writeTransaction(db, (tx) =>
      appendDomainEvent(inTransaction(ctx, tx), {
        type: 'eventstream.imported',
        engagementId: engagement.id,
        actorUserId: who.id,
        payload: { added: result.added },
      }),
    );
  return result;
}

/** Writes one batch in one transaction; answers how many lines were new and what extraction added. */
async function writeLines(
  ctx: ServiceContext,
  engagementId: number,
  who: { id: number | null; name: string; credentials: boolean },
  batch: PreparedLine[],
): Promise<{ added: number; credentials: IngestCounts }> {
  const meta = { engagementId, importedBy: who.id, importedByName: who.name, createdAt: ctx.clock.now() };
  return writeTransaction(ctx.db, async (tx) => {
    // Which lines went in matters only when some have credentials to feed (or are still to be read):
    // otherwise the database just counts them, which is cheaper than handing every new hash back.
    if (!who.credentials || !batch.some(mayHoldCredentials))
      return { added: await insertLineRowsCounted(tx, meta, batch), credentials: { ...NO_CREDENTIALS } };
    const inserted = await insertLineRows(tx, meta, batch);
    if (!who.credentials || inserted.size === 0)
      return { added: inserted.size, credentials: { ...NO_CREDENTIALS } };
    // Only the lines that went in: a duplicate's text was read when it was first imported.
    const fresh = batch.filter((r) => inserted.delete(r.hash));
    const perLine = fresh.map((line) => ({ line, findings: line.findings ?? lineFindings(line.values) }));
    const findings = perLine.flatMap((l) => l.findings);
    const credentials = await ingestLineFindings(
      inTransaction(ctx, tx),
      engagementId,
      { userId: who.id, username: who.name },
      findings,
    );
    // Each credential found links to the line it was found in (shown on the line's panel).
    await linkLineCredentials({ db: tx }, engagementId, perLine);
    return { added: fresh.length, credentials };
  });
}

/** Extraction found something in the line, or has not read it yet (an import prepared inline). */
function mayHoldCredentials(line: PreparedLine): boolean {
  return line.findings === undefined || line.findings.length > 0;
}
