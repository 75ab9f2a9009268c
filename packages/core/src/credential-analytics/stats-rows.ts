import { type DB, dialectOf } from '@steppingstones/db';
import type { CredentialStatsQuery } from '@steppingstones/shared/credential-stats';
import { type Kysely, sql } from 'kysely';
import { analyticsConditions } from './analytics-filter.ts';
import type { StatsRow } from './stats-row.ts';

/** Rows per read: the walk keeps at most this many rows from the database in memory at once. */
const BATCH = 20_000;

/**
 * The filtered rows (current and history) of an engagement in id order, read in keyset batches so a
 * million-row vault is walked without holding it, on both dialects.
 */
const COLUMNS = [
  'id',
  'system',
  'account',
  'system_key',
  'account_key',
  'secret',
  'hash',
  'hash_key',
  'type_key',
  'hash_type',
  'hibp_count',
  'position',
] as const;

type Raw = Omit<StatsRow, 'id' | 'type_key' | 'hash_type' | 'hibp_count' | 'position'> &
  Record<string, unknown>;

const toRow = (r: Raw): StatsRow => ({
  ...r,
  id: Number(r.id),
  type_key: Number(r.type_key),
  hash_type: r.hash_type === null ? null : Number(r.hash_type),
  hibp_count: r.hibp_count === null ? null : Number(r.hibp_count),
  position: r.position === null ? null : Number(r.position),
});

export async function* walkStatsRows(
  db: Kysely<DB>,
  engagementId: number,
  filter: Omit<CredentialStatsQuery, 'engagement'>,
): AsyncGenerator<StatsRow> {
  const base = db.selectFrom('credential').select(COLUMNS);
  if (dialectOf(db) === 'sqlite') {
    // One statement read row by row (better-sqlite3 iterates it): no re-scans per batch.
    const rows = base.where((eb) => eb.and(analyticsConditions(eb, engagementId, filter))).stream();
    for await (const r of rows) yield toRow(r as Raw);
    return;
  }
  let after = 0;
  for (;;) {
    const rows = await base
      .where((eb) =>
        eb.and([...analyticsConditions(eb, engagementId, filter), eb('credential.id', '>', after)]),
      )
      .orderBy('credential.id')
      .limit(BATCH)
      .execute();
    for (const r of rows) yield toRow(r as Raw);
    if (rows.length < BATCH) return;
    after = Number(rows[rows.length - 1]?.id);
  }
}

/**
 * The current NT and LM credentials of the filtered vault in account order (system, account, id: the
 * vault list's index order, so nothing is sorted), for aids that finish one account before the next
 * and so hold one account at a time, whatever the vault's size.
 */
export async function* walkAccountHashRows(
  db: Kysely<DB>,
  engagementId: number,
  filter: Omit<CredentialStatsQuery, 'engagement'>,
  typeKeys: readonly number[],
): AsyncGenerator<StatsRow> {
  const base = db
    .selectFrom('credential')
    .select(COLUMNS)
    .where((eb) =>
      eb.and([
        ...analyticsConditions(eb, engagementId, filter),
        eb('credential.position', 'is', null),
        eb('credential.type_key', 'in', [...typeKeys]),
      ]),
    );
  if (dialectOf(db) === 'sqlite') {
    const rows = base.orderBy('system_key').orderBy('account_key').orderBy('id').stream();
    for await (const r of rows) yield toRow(r as Raw);
    return;
  }
  let after: [string, string, number] | null = null;
  for (;;) {
    const from: [string, string, number] | null = after;
    const rows: unknown[] = await base
      .$if(from !== null, (q) =>
        q.where(sql<boolean>`(system_key, account_key, id) > (${from?.[0]}, ${from?.[1]}, ${from?.[2]})`),
      )
      .orderBy('system_key')
      .orderBy('account_key')
      .orderBy('id')
      .limit(BATCH)
      .execute();
    for (const r of rows) yield toRow(r as Raw);
    if (rows.length < BATCH) return;
    const last = rows[rows.length - 1] as Raw;
    after = [last.system_key, last.account_key, Number(last.id)];
  }
}

/**
 * Each distinct uncracked hash of the filtered vault (current and earlier, one spelling per hash),
 * grouped by the database in hash order: nothing is held per hash, whatever the vault's size.
 */
export async function* walkUncrackedHashes(
  db: Kysely<DB>,
  engagementId: number,
  filter: Omit<CredentialStatsQuery, 'engagement'>,
): AsyncGenerator<string> {
  const base = db
    .selectFrom('credential')
    .select(['hash_key', sql<string>`min(hash)`.as('hash')])
    .where((eb) =>
      eb.and([...analyticsConditions(eb, engagementId, filter), eb('credential.secret', 'is', null)]),
    )
    .groupBy('hash_key')
    .orderBy('hash_key');
  if (dialectOf(db) === 'sqlite') {
    for await (const r of base.stream()) yield r.hash;
    return;
  }
  let after: string | null = null;
  for (;;) {
    const from: string | null = after;
    const rows: { hash: string; hash_key: string }[] = await base
      .$if(from !== null, (q) => q.where('hash_key', '>', from as string))
      .limit(BATCH)
      .execute();
    for (const r of rows) yield r.hash;
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1]?.hash_key ?? null;
  }
}
