import type { DB } from '@steppingstones/db';
import { capCount } from '@steppingstones/shared';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import { ValidationError } from '../errors.ts';
import { countUpToCap } from './keyset.ts';

/** One page of a list: its items and the opaque cursors of its neighbours (null at either end). */
export interface Page<T> {
  count: number | string;
  results: T[];
  next: string | null;
  previous: string | null;
}

/**
 * Cursor paging by position, for short lists whose order has no unique key to seek on (contexts by
 * recent use, known files by name). Big lists (events) seek on their sort key instead.
 */
export function encodeOffsetCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

export function decodeOffsetCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const offset = (value as { o?: unknown } | undefined)?.o;
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0)
    throw ValidationError.field('cursor', 'is not a cursor of this list; start again from the first page');
  return offset;
}

/**
 * Runs `query` (already filtered and ordered) for the page at `cursor`: one row more than the page
 * tells whether there is a next one; the count is exact up to COUNT_CAP.
 */
export async function offsetPage<O, T>(
  db: Kysely<DB>,
  // biome-ignore lint/suspicious/noExplicitAny: any table of any query; only its rows' type matters.
  query: SelectQueryBuilder<any, any, O>,
  paging: { cursor?: string; page_size: number },
  map: (row: O) => T,
): Promise<Page<T>> {
  const offset = decodeOffsetCursor(paging.cursor);
  const size = paging.page_size;
  const rows = await query
    .limit(size + 1)
    .offset(offset)
    .execute();
  const n = await countUpToCap(db, query);
  return {
    count: capCount(n),
    results: rows.slice(0, size).map(map),
    next: rows.length > size ? encodeOffsetCursor(offset + size) : null,
    previous: offset > 0 ? encodeOffsetCursor(Math.max(0, offset - size)) : null,
  };
}
