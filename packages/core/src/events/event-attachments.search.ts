import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import { PENDING_STORAGE } from '../attachments/attachment.pending.ts';
import {
  attachmentSearchText,
  isSearchableAttachment,
  SEARCH_TEXT_READ_BYTES,
} from '../attachments/attachment.search-text.ts';

/** An attachment as the search document reads it: its name, its text (text files only), whether shared. */
export interface SearchableAttachment {
  filename: string;
  text: string | null;
  shared: boolean;
}

/**
 * The first bytes (up to `SEARCH_TEXT_READ_BYTES`) of database-stored attachments: chunk 0 of all of
 * them in one query, then chunk 1 of those still short, and so on (a megabyte is a few chunks).
 */
async function headsOf(db: Kysely<DB>, ids: number[]): Promise<Map<number, Buffer>> {
  const parts = new Map<number, Buffer[]>(ids.map((id) => [id, []]));
  const read = new Map<number, number>(ids.map((id) => [id, 0]));
  let pending = ids;
  for (let seq = 0; pending.length > 0; seq++) {
    const rows = await db
      .selectFrom('attachment_chunk')
      .select(['attachment_id', 'bytes'])
      .where('attachment_id', 'in', pending)
      .where('seq', '=', seq)
      .execute();
    const more: number[] = [];
    for (const r of rows) {
      const id = Number(r.attachment_id);
      const bytes = Buffer.from(r.bytes);
      parts.get(id)?.push(bytes);
      const total = (read.get(id) ?? 0) + bytes.length;
      read.set(id, total);
      if (total < SEARCH_TEXT_READ_BYTES && bytes.length > 0) more.push(id);
    }
    pending = more;
  }
  return new Map([...parts].map(([id, list]) => [id, Buffer.concat(list)]));
}

/**
 * The attachments of some events as search reads them, in id order. Text attachments (`.cast`, `.txt`,
 * `.log`) stored in the database give their text; others (and those in a bucket, which are not read
 * inside the write that reindexes) give only their name.
 */
export async function searchableAttachmentsOf(
  db: Kysely<DB>,
  eventIds: number[],
): Promise<Map<number, SearchableAttachment[]>> {
  const out = new Map<number, SearchableAttachment[]>();
  if (eventIds.length === 0) return out;
  const rows = await db
    .selectFrom('attachment')
    .select(['id', 'event_id', 'filename', 'shared', 'storage'])
    .where('event_id', 'in', eventIds)
    .where('storage', '<>', PENDING_STORAGE)
    .orderBy('event_id')
    .orderBy('id')
    .execute();
  const textIds = rows
    .filter((r) => r.storage === 'db' && isSearchableAttachment(r.filename))
    .map((r) => Number(r.id));
  const heads = textIds.length ? await headsOf(db, textIds) : new Map<number, Buffer>();
  for (const r of rows) {
    const head = heads.get(Number(r.id));
    const list = out.get(Number(r.event_id)) ?? [];
    list.push({
      filename: r.filename,
      text: head ? attachmentSearchText(r.filename, head) : null,
      shared: Number(r.shared) === 1,
    });
    out.set(Number(r.event_id), list);
  }
  return out;
}
