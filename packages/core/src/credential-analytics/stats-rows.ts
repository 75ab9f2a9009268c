import { type DB, dialectOf } from '@steppingstones/db';
import type { CredentialStatsQuery } from '@steppingstones/shared/credential-stats';
import type { Kysely } from 'kysely';
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
