import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import type { EventStreamImportProgress, EventStreamImportResult } from './eventstream-import.service.ts';

/** Writes how far a running background import got (bytes and lines read, batch by batch). */
export async function recordBackgroundProgress(
  db: Kysely<DB>,
  importId: number,
  progress: Pick<EventStreamImportProgress, 'bytes' | 'lines'>,
): Promise<void> {
  await db
    .updateTable('eventstream_import')
    .set({ bytes_done: progress.bytes, lines_done: progress.lines })
    .where('id', '=', importId)
    .where('status', '=', 'running')
    .execute();
}

/** Ends a background import with its result (the API's three keys) or the reason it failed. */
export async function finishBackgroundImport(
  db: Kysely<DB>,
  importId: number,
  end:
    | { result: EventStreamImportResult; bytes: number; lines: number; now: number }
    | { error: string; now: number },
): Promise<void> {
  const set =
    'result' in end
      ? {
          status: 'succeeded' as const,
          result: JSON.stringify({
            added: end.result.added,
            duplicates: end.result.duplicates,
            rejected: end.result.rejected,
          }),
          bytes_done: end.bytes,
          lines_done: end.lines,
          finished_at: end.now,
        }
      : { status: 'failed' as const, error: end.error, finished_at: end.now };
  await db
    .updateTable('eventstream_import')
    .set(set)
    .where('id', '=', importId)
    .execute()
    .catch(() => {});
}
