import fs from 'node:fs';
import type { DB, Tx } from '@steppingstones/db';
import type { Kysely } from 'kysely';

/** One row per MiB: few enough rows for 100 MB to insert quickly, small enough to keep memory flat. */
export const CHUNK_BYTES = 1024 * 1024;

/** Copies a spooled upload into attachment_chunk, a chunk at a time, inside the caller's transaction. */
export async function writeChunks(tx: Tx, attachmentId: number, file: string): Promise<void> {
  let seq = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK_BYTES })) {
    await tx
      .insertInto('attachment_chunk')
      .values({ attachment_id: attachmentId, seq, bytes: chunk as Buffer })
      .execute();
    seq++;
  }
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
): AsyncGenerator<Buffer> {
  let sent = 0;
  for (let seq = 0; sent < size; seq++) {
    const row = await db
      .selectFrom('attachment_chunk')
      .select('bytes')
      .where('attachment_id', '=', attachmentId)
      .where('seq', '=', seq)
      .executeTakeFirst();
    if (!row) throw new Error(`attachment ${attachmentId} lost chunk ${seq} while it was read`);
    const bytes = Buffer.isBuffer(row.bytes) ? row.bytes : Buffer.from(row.bytes as Uint8Array);
    sent += bytes.length;
    yield bytes;
  }
}
