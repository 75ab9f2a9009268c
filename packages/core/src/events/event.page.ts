import type { DB } from '@steppingstones/db';
import { COUNT_CAP } from '@steppingstones/shared';
import type { EventListQuery } from '@steppingstones/shared/events';
import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { CursorKey } from './event.cursor.ts';

/** Counts above this are reported as "10000+" (the paging rules of every list, in packages/shared). */
export { COUNT_CAP };

export interface SortKeys {
  exprs: RawBuilder<unknown>[];
  desc: boolean;
}

/** The keyset of a sort: the sorted column, then start time and id so every row has a unique key. */
export function sortKeys(sort: EventListQuery['sort']): SortKeys {
  const desc = sort.startsWith('-');
  const name = desc ? sort.slice(1) : sort;
  const lead: Record<string, RawBuilder<unknown> | null> = {
    timestamp: null,
    detected: sql`event.detected`,
    prevented: sql`event.prevented`,
    tactic: sql`coalesce(event.tactic_id, '')`,
    technique: sql`coalesce(event.subtechnique_id, event.technique_id, '')`,
  };
  const first = lead[name] ?? null;
  return { exprs: [...(first ? [first] : []), sql`event.start_at`, sql`event.id`], desc };
}

export interface KeyedRow {
  id: number;
  key: CursorKey;
}

/**
 * One walk along the sort order: rows matching `conditions` strictly after `after` (in walking
 * direction), at most `limit`. `walkDesc` is the direction of the walk, not of the sort.
 */
export async function walkRows(
  db: Kysely<DB>,
  conditions: Expression<SqlBool>[],
  keys: SortKeys,
  walkDesc: boolean,
  after: CursorKey | null,
  limit: number,
): Promise<KeyedRow[]> {
  const dir = sql.raw(walkDesc ? 'desc' : 'asc');
  let q = db
    .selectFrom('event')
    .select(['event.id', ...keys.exprs.map((e, i) => sql<unknown>`${e}`.as(`k${i}`))])
    .where((eb) => eb.and(conditions))
    .limit(limit);
  for (const e of keys.exprs) q = q.orderBy(sql`${e} ${dir}`);
  if (after)
    q = q.where(
      sql<SqlBool>`(${sql.join(keys.exprs)}) ${sql.raw(walkDesc ? '<' : '>')} (${sql.join(after)})`,
    );
  const rows = (await q.execute()) as Array<Record<string, unknown>>;
  return rows.map((r) => ({
    id: Number(r.id),
    key: keys.exprs.map((_, i) => {
      const v = r[`k${i}`];
      return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : String(v ?? '');
    }),
  }));
}

/** How many events match, up to COUNT_CAP + 1. */
export async function cappedCount(db: Kysely<DB>, conditions: Expression<SqlBool>[]): Promise<number> {
  const row = await db
    .selectFrom((qb) =>
      qb
        .selectFrom('event')
        .select('event.id')
        .where((eb) => eb.and(conditions))
        .limit(COUNT_CAP + 1)
        .as('c'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
