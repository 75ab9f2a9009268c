import fs from 'node:fs';
import type { DB, Tx } from '@steppingstones/db';
import type { Kysely } from 'kysely';

/** One row per MiB: few enough rows for 100 MB to insert quickly, small enough to keep memory flat. */
export const CHUNK_BYTES = 1024 * 1024;

/**
 * Copies a spooled upload into attachment_chunk inside the caller's transaction. Every chunk but the
 * last holds exactly CHUNK_BYTES, so a byte range maps to its chunks without reading the others.
 */
export async function writeChunks(tx: Tx, attachmentId: number, file: string): Promise<void> {
  let seq = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const insert = async (bytes: Buffer) => {
    await tx.insertInto('attachment_chunk').values({ attachment_id: attachmentId, seq, bytes }).execute();
    seq++;
  };
  for await (const piece of fs.createReadStream(file, { highWaterMark: CHUNK_BYTES })) {
    pending.push(piece as Buffer);
    pendingBytes += (piece as Buffer).length;
    while (pendingBytes >= CHUNK_BYTES) {
      const all = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
      await insert(all.subarray(0, CHUNK_BYTES));
      const rest = all.subarray(CHUNK_BYTES);
      pending = rest.length ? [rest] : [];
      pendingBytes = rest.length;
    }
  }
  if (pendingBytes) await insert(Buffer.concat(pending));
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
