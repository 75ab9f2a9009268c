import type { DB } from '@steppingstones/db';
import { COUNT_CAP } from '@steppingstones/shared';
import {
  type Expression,
  type Kysely,
  type RawBuilder,
  type SelectQueryBuilder,
  type SqlBool,
  sql,
} from 'kysely';
import { type CursorKey, type DecodedCursor, encodeCursor } from '../events/event.cursor.ts';

/** The keyset of a sort: expressions ending in the id, so every row has a unique key. */
export interface SortKeys {
  exprs: RawBuilder<unknown>[];
  desc: boolean;
}

export interface KeyedRow {
  id: number;
  key: CursorKey;
}

/** The cursor key of a row that selected the key expressions as k0, k1, … */
export function rowKey(exprs: readonly unknown[], row: Record<string, unknown>): CursorKey {
  return exprs.map((_, i) => {
    const v = row[`k${i}`];
    return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : String(v ?? '');
  });
}

/**
 * One walk along the sort order of `table`: ids of rows matching `conditions` strictly after `after`
 * (in walking direction), at most `limit`. `walkDesc` is the direction of the walk, not of the sort.
 */
export async function walkKeyset(
  db: Kysely<DB>,
  table: 'event' | 'credential',
  conditions: Expression<SqlBool>[],
  keys: SortKeys,
  walkDesc: boolean,
  after: CursorKey | null,
  limit: number,
): Promise<KeyedRow[]> {
  const dir = sql.raw(walkDesc ? 'desc' : 'asc');
  let q = db
    .selectFrom(table as 'event')
    // The cast only names the id column for the type checker; `table` is either table.
    .select([`${table}.id` as 'event.id', ...keys.exprs.map((e, i) => sql<unknown>`${e}`.as(`k${i}`))])
    .where((eb) => eb.and(conditions))
    .limit(limit);
  for (const e of keys.exprs) q = q.orderBy(sql`${e} ${dir}`);
  if (after)
    q = q.where(
      sql<SqlBool>`(${sql.join(keys.exprs)}) ${sql.raw(walkDesc ? '<' : '>')} (${sql.join(after)})`,
    );
  const rows = (await q.execute()) as Array<Record<string, unknown>>;
  return rows.map((r) => ({ id: Number(r.id), key: rowKey(keys.exprs, r) }));
}

/**
 * The page out of a walk of `pageSize + 1` rows from `cursor`, in sort order, and the cursors of its
 * neighbours: a backward walk is flipped back, and the extra row tells whether there is more.
 */
export function keysetLinks<R>(
  rows: R[],
  pageSize: number,
  cursor: DecodedCursor | null,
  keyOf: (row: R) => CursorKey,
): { page: R[]; next: string | null; previous: string | null } {
  const backwards = cursor?.direction === 'prev';
  const more = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  if (backwards) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  return {
    page,
    next: last && (backwards || more) ? encodeCursor(keyOf(last)) : null,
    previous: first && (backwards ? more : cursor !== null) ? encodeCursor(keyOf(first), 'prev') : null,
  };
}

/** How many rows `query` (already filtered) returns, counted up to COUNT_CAP + 1 only. */
export async function countUpToCap(
  db: Kysely<DB>,
  // biome-ignore lint/suspicious/noExplicitAny: any table of any query; only its row count matters.
  query: SelectQueryBuilder<any, any, any>,
): Promise<number> {
  const { n } = await db
    .selectFrom(
      query
        .clearOrderBy()
        .limit(COUNT_CAP + 1)
        .as('c'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}
