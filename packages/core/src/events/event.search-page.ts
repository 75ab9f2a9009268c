import { type DB, type DialectName, eventSearchIds } from '@steppingstones/db';
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import { type KeyedRow, type SortKeys, walkKeyset } from '../paging/keyset.ts';
import type { CursorKey } from './event.cursor.ts';
import { COUNT_CAP } from './event.page.ts';

/**
 * Searches matching more events than this use the chunked walk below; rarer ones simply intersect the
 * full match list with the filter (cheap when the list is short).
 */
export const COMMON_SEARCH_MATCHES = 20_000;

export interface SearchSpec {
  dialect: DialectName;
  text: string;
  includeSecret: boolean;
}

function ids(spec: SearchSpec, range: Parameters<typeof eventSearchIds>[3]) {
  const sub = eventSearchIds(spec.dialect, spec.text, spec.includeSecret, range);
  if (!sub) throw new Error('search without words');
  return sub;
}

export async function isCommonSearch(
  db: Kysely<DB>,
  spec: SearchSpec,
  threshold = COMMON_SEARCH_MATCHES,
): Promise<boolean> {
  const { rows } = await sql<{
    n: number;
  }>`select count(*) as n from (${ids(spec, { limit: threshold + 1, ordered: false })}) m`.execute(db);
  return Number(rows[0]?.n ?? 0) > threshold;
}

/**
 * A page for a common word: walk the grid's own index in growing chunks and keep the rows whose id is
 * among the matches within the chunk's id range (ranged index reads are cheap, and events are mostly
 * written in time order, so a chunk's ids are close together). Stops as soon as the page is full, so
 * the newest page of a word in half the log costs about as much as the plain grid. Null = use the
 * plain intersection instead.
 */
export async function walkSearchPage(
  db: Kysely<DB>,
  spec: SearchSpec,
  conditions: Expression<SqlBool>[],
  keys: SortKeys,
  walkDesc: boolean,
  after: CursorKey | null,
  want: number,
): Promise<KeyedRow[] | null> {
  const found: KeyedRow[] = [];
  let chunk = Math.max(want * 4, 500);
  let from = after;
  for (;;) {
    const rows = await walkKeyset(db, 'event', conditions, keys, walkDesc, from, chunk);
    if (rows.length === 0) break;
    const rowIds = rows.map((r) => r.id);
    const range = { minId: Math.min(...rowIds), maxId: Math.max(...rowIds) };
    // Ids scattered over the whole log (events entered far out of time order): ranged reads would
    // touch most matches every chunk; the caller intersects the full match list instead.
    if (range.maxId - range.minId > chunk * 50) return null;
    const { rows: hits } = await sql<{ id: number }>`${ids(spec, range)}`.execute(db);
    const match = new Set(hits.map((h) => Number(h.id)));
    for (const r of rows) {
      if (!match.has(r.id)) continue;
      found.push(r);
      if (found.length >= want) return found;
    }
    if (rows.length < chunk) break;
    from = rows[rows.length - 1]?.key ?? null;
    chunk = Math.min(chunk * 2, 20_000);
  }
  return found;
}

/**
 * The capped count for a common word: the matches in id order, in chunks, joined to the filter,
 * until COUNT_CAP is passed or the matches run out.
 */
export async function countCommonSearch(
  db: Kysely<DB>,
  spec: SearchSpec,
  conditions: Expression<SqlBool>[],
): Promise<number> {
  let total = 0;
  let afterId = 0;
  // Twice the cap: the filter drops some matches, and one step past the cap costs less than two steps
  // (on PostgreSQL each step reads and sorts all of the word's matches).
  const step = COUNT_CAP * 2;
  for (;;) {
    const { rows } = await sql<{ fetched: number; ok: number; last: number | null }>`
      select count(*) as fetched, count(event.id) as ok, max(m.id) as last
      from (${ids(spec, { afterId, limit: step })}) m
      left join event on event.id = m.id and ${sql.join(conditions, sql` and `)}`.execute(db);
    const r = rows[0];
    total += Number(r?.ok ?? 0);
    if (total > COUNT_CAP || Number(r?.fetched ?? 0) < step || r?.last == null) return total;
    afterId = Number(r.last);
  }
}
