import type { DB } from '@steppingstones/db';
import { capCount } from '@steppingstones/shared';
import {
  type Expression,
  type Kysely,
  type RawBuilder,
  type SelectQueryBuilder,
  type SqlBool,
  sql,
} from 'kysely';
import { type CursorKey, decodeCursorWithDirection } from '../events/event.cursor.ts';
import { countUpToCap, keysetLinks } from '../paging/keyset.ts';

export interface C2Page<T> {
  count: number | string;
  next: string | null;
  previous: string | null;
  results: T[];
}

/**
 * Newest first, keyset-paged on (time, id): stable while rows are added, as fast on the millionth page
 * as on the first. `base` selects the rows with the conditions applied; `time` and `id` name the key.
 */
export async function keysetPage<R extends Record<string, unknown>, T>(
  db: Kysely<DB>,
  // biome-ignore lint/suspicious/noExplicitAny: one helper serves the three tables' joined selects.
  base: () => SelectQueryBuilder<DB, any, R>,
  where: Expression<SqlBool>[],
  key: { time: RawBuilder<unknown>; id: RawBuilder<unknown> },
  query: { cursor?: string | undefined; page_size: number },
  map: (row: R) => T,
): Promise<C2Page<T>> {
  const exprs = [key.time, key.id];
  const cursor = query.cursor ? decodeCursorWithDirection(query.cursor, 2) : null;
  const backwards = cursor?.direction === 'prev';
  const dir = sql.raw(backwards ? 'asc' : 'desc');
  let q = base()
    .select([sql<unknown>`${key.time}`.as('k0'), sql<unknown>`${key.id}`.as('k1')])
    .where((eb) => eb.and(where))
    .orderBy(sql`${key.time} ${dir}`)
    .orderBy(sql`${key.id} ${dir}`)
    .limit(query.page_size + 1);
  if (cursor)
    q = q.where(
      sql<SqlBool>`(${sql.join(exprs)}) ${sql.raw(backwards ? '>' : '<')} (${sql.join(cursor.key)})`,
    );
  const rows = (await q.execute()) as Array<R & { k0: unknown; k1: unknown }>;
  const keyOf = (r: { k0: unknown; k1: unknown }): CursorKey => [Number(r.k0), Number(r.k1)];
  const { page, next, previous } = keysetLinks(rows, query.page_size, cursor, keyOf);
  const n = await countUpToCap(
    db,
    base()
      .clearSelect()
      .select(sql<number>`1`.as('one'))
      .where((eb) => eb.and(where)),
  );
  return { count: capCount(n), next, previous, results: page.map(map) };
}
