import { COUNT_CAP, capCount } from '@steppingstones/shared';
import type { SelectQueryBuilder } from 'kysely';
import { decodeOffsetCursor, encodeOffsetCursor, type Page } from './offset-page.ts';

const BATCH = 1000;

/**
 * Walks an ordered query in batches and keeps the rows `keep` accepts, until `want` are kept or the
 * rows run out. For filters SQL cannot express (a search over masked text); the order must be total
 * so batches neither skip nor repeat rows.
 */
export async function collectKept<O>(
  // biome-ignore lint/suspicious/noExplicitAny: any table of any query; only its rows' type matters.
  query: SelectQueryBuilder<any, any, O>,
  keep: (row: O) => boolean,
  want: number,
): Promise<O[]> {
  const kept: O[] = [];
  for (let offset = 0; kept.length < want; offset += BATCH) {
    const rows = await query.limit(BATCH).offset(offset).execute();
    for (const row of rows) if (keep(row) && kept.length < want) kept.push(row);
    if (rows.length < BATCH) break;
  }
  return kept;
}

/** `offsetPage` with a row filter applied after the query: same cursors, count exact up to COUNT_CAP. */
export async function filteredOffsetPage<O, T>(
  // biome-ignore lint/suspicious/noExplicitAny: any table of any query; only its rows' type matters.
  query: SelectQueryBuilder<any, any, O>,
  paging: { cursor?: string; page_size: number },
  keep: (row: O) => boolean,
  map: (row: O) => T,
): Promise<Page<T>> {
  const offset = decodeOffsetCursor(paging.cursor);
  const size = paging.page_size;
  const kept = await collectKept(query, keep, Math.max(COUNT_CAP + 1, offset + size + 1));
  return {
    count: capCount(kept.length),
    results: kept.slice(offset, offset + size).map(map),
    next: kept.length > offset + size ? encodeOffsetCursor(offset + size) : null,
    previous: offset > 0 ? encodeOffsetCursor(Math.max(0, offset - size)) : null,
  };
}
