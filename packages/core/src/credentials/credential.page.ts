import type { DB } from '@steppingstones/db';
import type { CredentialListQuery } from '@steppingstones/shared/credentials';
import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { CursorKey } from '../events/event.cursor.ts';

/** Counts above this are reported as "10000+", as in the event list. */
export const COUNT_CAP = 10_000;

export interface SortKeys {
  exprs: RawBuilder<unknown>[];
  desc: boolean;
}

/** The keyset of a sort: each ends in the id so every row has a unique key (all are indexed). */
export function credentialSortKeys(sort: CredentialListQuery['sort']): SortKeys {
  const desc = sort.startsWith('-');
  const name = desc ? sort.slice(1) : sort;
  const s = sql`credential.system_key`;
  const a = sql`credential.account_key`;
  const id = sql`credential.id`;
  const keys: Record<string, RawBuilder<unknown>[]> = {
    system: [s, a, id],
    account: [a, s, id],
    hash_type: [sql`credential.type_key`, s, a, id],
    created_at: [sql`credential.created_at`, id],
  };
  return { exprs: keys[name] ?? [s, a, id], desc };
}

export async function walkCredentialIds(
  db: Kysely<DB>,
  conditions: Expression<SqlBool>[],
  keys: SortKeys,
  walkDesc: boolean,
  after: CursorKey | null,
  limit: number,
): Promise<Array<{ id: number; key: CursorKey }>> {
  const dir = sql.raw(walkDesc ? 'desc' : 'asc');
  let q = db
    .selectFrom('credential')
    .select(['credential.id', ...keys.exprs.map((e, i) => sql<unknown>`${e}`.as(`k${i}`))])
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

export async function cappedCredentialCount(
  db: Kysely<DB>,
  conditions: Expression<SqlBool>[],
): Promise<number> {
  const row = await db
    .selectFrom((qb) =>
      qb
        .selectFrom('credential')
        .select('credential.id')
        .where((eb) => eb.and(conditions))
        .limit(COUNT_CAP + 1)
        .as('c'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
