import type { DB } from '@steppingstones/db';
import type { CredentialStatsQuery } from '@steppingstones/shared/credential-stats';
import { type Kysely, sql } from 'kysely';
import { analyticsConditions } from './analytics-filter.ts';
import { NO_HASH_TYPE, NTLM } from './stats-row.ts';

/**
 * The statistics' aggregates, computed by the database over the filtered vault: only counts, the
 * distinct known secrets and a few candidate rows come back, never one row per credential. Every
 * statement is plain SQL that SQLite and PostgreSQL share.
 */
export type StatsFilter = Omit<CredentialStatsQuery, 'engagement'>;

const n = (v: unknown) => Number(v ?? 0);

function vault(db: Kysely<DB>, engagementId: number, filter: StatsFilter) {
  return db.selectFrom('credential').where((eb) => eb.and(analyticsConditions(eb, engagementId, filter)));
}

function current(db: Kysely<DB>, engagementId: number, filter: StatsFilter) {
  return vault(db, engagementId, filter).where('credential.position', 'is', null);
}

/** Current credentials per type key (the list index alone answers it). */
export async function typeCounts(db: Kysely<DB>, engagementId: number, filter: StatsFilter) {
  const rows = await current(db, engagementId, filter)
    .select(['type_key', sql<number>`count(*)`.as('n')])
    .groupBy('type_key')
    .execute();
  return new Map(rows.map((r) => [n(r.type_key), n(r.n)]));
}

/** Key of an account inside one SQL expression, unambiguous whatever the names hold. */
const ACCOUNT_KEY = sql`length(system_key) || ':' || system_key || account_key`;

/**
 * One pass over the current credentials' rows for what no index holds: NTLM hashes awaiting a breach
 * check, and the accounts (users, machines) with a hash found in breach data.
 */
export async function breachCounts(db: Kysely<DB>, engagementId: number, filter: StatsFilter) {
  const row = await current(db, engagementId, filter)
    .select([
      sql<number>`sum(case when hash_type = ${NTLM} and hibp_count is null then 1 else 0 end)`.as('pending'),
      sql<number>`count(distinct case when hibp_count > 0 then ${ACCOUNT_KEY} end)`.as('breached'),
      sql<number>`count(distinct case when hibp_count > 0 and account_key like '%$' then ${ACCOUNT_KEY} end)`.as(
        'machines',
      ),
    ])
    .executeTakeFirst();
  return { pending: n(row?.pending), breached: n(row?.breached), breachedMachines: n(row?.machines) };
}

const MACHINE = sql<number>`case when account_key like '%$' then 1 else 0 end`;

export interface AccountCounts {
  accounts: number;
  machines: number;
}

/**
 * Distinct (system, account) pairs of current credentials and how many are machines (`…$`): read from
 * the list index alone when no filter names another column.
 */
export async function accountCounts(
  db: Kysely<DB>,
  engagementId: number,
  filter: StatsFilter,
): Promise<AccountCounts> {
  const perAccount = current(db, engagementId, filter)
    .select(['account_key'])
    .groupBy(['system_key', 'account_key']);
  const row = await db
    .selectFrom(perAccount.as('a'))
    .select([sql<number>`count(*)`.as('accounts'), sql<number>`sum(${MACHINE})`.as('machines')])
    .executeTakeFirst();
  return { accounts: n(row?.accounts), machines: n(row?.machines) };
}

/** What a cracked credential's secret looks like, as the statistics group it. */
const SHAPE = {
  machine: sql<number>`case when account_key like '%$' then 1 else 0 end`,
  len: sql<number>`length(secret)`,
  same: sql<number>`case when lower(secret) = lower(account) then 1 else 0 end`,
  // The secret itself only where the derived columns were never filled: the caller derives them.
  legacy: sql<string | null>`case when complexity is null or structure is null then secret end`,
};

export interface CrackedShape {
  typeKey: number;
  machine: boolean;
  length: number;
  complexity: string | null;
  structure: string | null;
  /** The secret is the account name, any case. */
  isUsername: boolean;
  /** The secret, only when its derived columns were never filled. */
  secret: string | null;
  count: number;
}

const toShape = (r: Record<string, unknown>): CrackedShape => ({
  typeKey: n(r.type_key),
  machine: n(r.machine) === 1,
  length: n(r.len),
  complexity: (r.complexity as string | null) ?? null,
  structure: (r.structure as string | null) ?? null,
  isUsername: n(r.same) === 1,
  secret: (r.legacy as string | null) ?? null,
  count: n(r.count ?? 1),
});

const SHAPE_COLUMNS = [
  'type_key',
  SHAPE.machine.as('machine'),
  SHAPE.len.as('len'),
  'complexity',
  'structure',
  SHAPE.same.as('same'),
  SHAPE.legacy.as('legacy'),
] as const;

/** Current cracked credentials grouped by type and by what their secret looks like (rows, not accounts). */
export async function crackedShapes(
  db: Kysely<DB>,
  engagementId: number,
  filter: StatsFilter,
): Promise<CrackedShape[]> {
  const rows = await current(db, engagementId, filter)
    .where('secret', 'is not', null)
    .select([...SHAPE_COLUMNS, sql<number>`count(*)`.as('count')])
    .groupBy([sql`1`, sql`2`, sql`3`, sql`4`, sql`5`, sql`6`, sql`7`])
    .execute();
  return rows.map(toShape);
}

/**
 * The cracked rows of accounts with more than one known current secret (an LM and an NT, or two
 * types): the caller counts such an account once, by its chosen secret.
 */
export async function multiCrackedRows(db: Kysely<DB>, engagementId: number, filter: StatsFilter) {
  const multi = current(db, engagementId, filter)
    .where('secret', 'is not', null)
    .select(['system_key', 'account_key'])
    .groupBy(['system_key', 'account_key'])
    .having(sql<boolean>`count(*) > 1`);
  const rows = await current(db, engagementId, filter)
    .where('secret', 'is not', null)
    .where(sql<boolean>`(system_key, account_key) in (${multi})`)
    .select([...SHAPE_COLUMNS, 'id', 'hash_type', 'system_key', 'account_key'])
    .execute();
  return rows.map((r) => ({
    ...toShape(r),
    id: n(r.id),
    hashType: r.hash_type === null ? null : n(r.hash_type),
    accountKey: `${r.system_key}\u0000${r.account_key}`,
  }));
}

/** Each distinct known secret (current and earlier hashes) with how many accounts used it. */
export async function secretUse(
  db: Kysely<DB>,
  engagementId: number,
  filter: StatsFilter,
): Promise<Map<string, number>> {
  const rows = await vault(db, engagementId, filter)
    .where('secret', 'is not', null)
    .select(['secret', sql<number>`count(distinct ${ACCOUNT_KEY})`.as('accounts')])
    .groupBy('secret')
    .execute();
  return new Map(rows.map((r) => [r.secret as string, n(r.accounts)]));
}

/** Current hashes with a breach count, highest first, with the accounts using each. */
export async function weakestHashes(
  db: Kysely<DB>,
  engagementId: number,
  filter: StatsFilter,
  limit: number,
) {
  const perAccount = current(db, engagementId, filter)
    .where('hibp_count', '>', 0)
    .select([
      'type_key',
      'hash_key',
      sql<number | null>`max(hash_type)`.as('hash_type'),
      sql<string | null>`max(secret)`.as('secret'),
      sql<number>`max(hibp_count)`.as('hibp'),
      sql<number>`min(id)`.as('first'),
    ])
    .groupBy(['type_key', 'hash_key', 'system_key', 'account_key']);
  const rows = await db
    .selectFrom(perAccount.as('w'))
    .select([
      sql<number | null>`max(w.hash_type)`.as('hash_type'),
      sql<string | null>`max(w.secret)`.as('secret'),
      sql<number>`max(w.hibp)`.as('breach_count'),
      sql<number>`count(*)`.as('accounts'),
      sql<number>`min(w.first)`.as('first'),
    ])
    .groupBy(['w.type_key', 'w.hash_key'])
    .orderBy(sql`3`, 'desc')
    .orderBy(sql`4`, 'desc')
    .orderBy(sql`5`)
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    secret: r.secret,
    hash_type: r.hash_type === null ? null : n(r.hash_type),
    breach_count: n(r.breach_count),
    accounts: n(r.accounts),
  }));
}

/**
 * Current hashed credentials whose hash occurs more than once in the engagement: the only rows that
 * can show the same account and hash on two systems. The repeat test runs on the hash index alone.
 */
export async function repeatedHashRows(db: Kysely<DB>, engagementId: number, filter: StatsFilter) {
  const repeated = db
    .selectFrom('credential')
    .select('hash_key')
    .where('engagement_id', '=', engagementId)
    .groupBy('hash_key')
    .having(sql<boolean>`count(*) > 1`);
  const rows = await current(db, engagementId, filter)
    .where('type_key', '<>', NO_HASH_TYPE)
    .where('hash_key', 'in', repeated)
    .select(['system', 'account', 'account_key', 'hash_key', 'type_key', 'secret'])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, type_key: n(r.type_key) }));
}
