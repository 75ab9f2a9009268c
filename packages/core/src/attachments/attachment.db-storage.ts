import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import { PENDING_MAX_AGE_MS, PENDING_STORAGE } from './attachment.pending.ts';
import { exactChunks } from './attachment.receive.ts';

/** One row per MiB: few enough rows for 100 MB to insert quickly, small enough to keep memory flat. */
export const CHUNK_BYTES = 1024 * 1024;

/**
 * Streams a body into attachment_chunk rows of a pending attachment (see PENDING_STORAGE), one MiB per
 * row, each row its own short statement: the write lock is held for a MiB at a time, never while the
 * client is slow, and no spool file is written and read back. Every chunk but the last holds exactly
 * CHUNK_BYTES, so a byte range maps to its chunks without reading the others. The caller deletes the
 * pending row if this fails.
 */
export async function streamIntoChunks(
  db: Kysely<DB>,
  attachmentId: number,
  body: AsyncIterable<Buffer>,
): Promise<void> {
  let seq = 0;
  for await (const bytes of exactChunks(body, CHUNK_BYTES)) {
    await db.insertInto('attachment_chunk').values({ attachment_id: attachmentId, seq, bytes }).execute();
    seq++;
  }
}

/** Deletes a pending upload's row and (cascade) its chunks: a refused, aborted or failed upload. */
export async function discardPendingUpload(db: Kysely<DB>, attachmentId: number): Promise<void> {
  await db
    .deleteFrom('attachment')
    .where('id', '=', attachmentId)
    .where('storage', '=', PENDING_STORAGE)
    .execute();
}

/**
 * Removes pending uploads older than PENDING_MAX_AGE_MS, with their chunks: those a crash or a killed
 * process left behind (a live upload deletes its own row when it fails). Returns how many went.
 */
export async function sweepAbandonedUploads(db: Kysely<DB>, clock: Clock): Promise<number> {
  const gone = await db
    .deleteFrom('attachment')
    .where('storage', '=', PENDING_STORAGE)
    .where('created_at', '<', clock.now() - PENDING_MAX_AGE_MS)
    .executeTakeFirst();
  return Number(gone.numDeletedRows);
}

/** Inclusive byte positions, as an HTTP Range names them. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * The bytes of a database-stored attachment, one chunk per query, so a download holds one chunk in
 * memory. A chunk gone missing (the attachment removed mid-download) ends the stream with an error
 * rather than a silently short file.
 */
export async function* readChunks(
  db: Kysely<DB>,
  attachmentId: number,
  size: number,
  range: ByteRange = { start: 0, end: size - 1 },
): AsyncGenerator<Buffer> {
  const wanted = range.end - range.start + 1;
  let skip = range.start % CHUNK_BYTES;
  let sent = 0;
  for (let seq = Math.floor(range.start / CHUNK_BYTES); sent < wanted; seq++) {
    const row = await db
      .selectFrom('attachment_chunk')
      .select('bytes')
      .where('attachment_id', '=', attachmentId)
      .where('seq', '=', seq)
      .executeTakeFirst();
    if (!row) throw new Error(`attachment ${attachmentId} lost chunk ${seq} while it was read`);
    const bytes = Buffer.isBuffer(row.bytes) ? row.bytes : Buffer.from(row.bytes as Uint8Array);
    const part = bytes.subarray(skip, skip + wanted - sent);
    skip = 0;
    sent += part.length;
    yield part;
  }
}
