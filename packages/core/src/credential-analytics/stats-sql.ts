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
 * Breach figures from the checked hashes alone (an index holding only them, empty while checks are
 * off): the NTLM hashes already checked, and the accounts (users, machines) found in breach data.
 */
export async function breachCounts(db: Kysely<DB>, engagementId: number, filter: StatsFilter) {
  const row = await current(db, engagementId, filter)
    .where('hibp_count', 'is not', null)
    .select([
      sql<number>`sum(case when type_key = ${NTLM} then 1 else 0 end)`.as('checked'),
      sql<number>`count(distinct case when hibp_count > 0 then ${ACCOUNT_KEY} end)`.as('breached'),
      sql<number>`count(distinct case when hibp_count > 0 and account_key like '%$' then ${ACCOUNT_KEY} end)`.as(
        'machines',
      ),
    ])
    .executeTakeFirst();
  return { checkedNtlm: n(row?.checked), breached: n(row?.breached), breachedMachines: n(row?.machines) };
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

/** Cracked current credentials per type key (an index of cracked current rows alone answers it). */
export async function crackedTypeCounts(db: Kysely<DB>, engagementId: number, filter: StatsFilter) {
  const rows = await current(db, engagementId, filter)
    .where('secret', 'is not', null)
    .select(['type_key', sql<number>`count(*)`.as('n')])
    .groupBy('type_key')
    .execute();
  return new Map(rows.map((r) => [n(r.type_key), n(r.n)]));
}

/** One known secret: how many accounts used it (current or earlier hash), and its current rows. */
export interface SecretUse {
  secret: string;
  /** Distinct accounts with this secret in a current or an earlier hash. */
  accounts: number;
  /** Current credentials holding it, of them machine accounts, and of them named as the secret. */
  current: number;
  currentMachines: number;
  /** Current credentials whose account is the secret in any case (ASCII only: see sameAsAccount). */
  currentSame: number;
}

/**
 * Each distinct known secret with its use, in one read of the secret index in secret order: the
 * figures per account (lengths, complexity, structure, masks, reuse) all follow from the secret.
 */
export async function secretUse(
  db: Kysely<DB>,
  engagementId: number,
  filter: StatsFilter,
): Promise<SecretUse[]> {
  const cur = sql`position is null`;
  const rows = await vault(db, engagementId, filter)
    .where('secret', 'is not', null)
    .select([
      'secret',
      sql<number>`count(distinct ${ACCOUNT_KEY})`.as('accounts'),
      sql<number>`sum(case when ${cur} then 1 else 0 end)`.as('current'),
      sql<number>`sum(case when ${cur} and account_key like '%$' then 1 else 0 end)`.as('machines'),
      sql<number>`sum(case when ${cur} and lower(secret) = account_key then 1 else 0 end)`.as('same'),
    ])
    .groupBy('secret')
    .execute();
  return rows.map((r) => ({
    secret: r.secret as string,
    accounts: n(r.accounts),
    current: n(r.current),
    currentMachines: n(r.machines),
    currentSame: n(r.same),
  }));
}

/** The secret is the account's name in any case, Unicode included (SQLite's lower() is ASCII-only). */
export const sameAsAccount = (secret: string, accountKey: string) => secret.toLowerCase() === accountKey;

/** Whether a secret has characters beyond ASCII, where only JavaScript folds case correctly. */
export const beyondAscii = (secret: string) => /[^ -~]/.test(secret.replace(/[\t\r\n]/g, ' '));

/**
 * How many current credentials of each of these secrets name their account in any case, folded in
 * JavaScript: for the secrets beyond ASCII, which SQL's lower() does not fold on SQLite.
 */
export async function sameAsAccountCounts(
  db: Kysely<DB>,
  engagementId: number,
  filter: StatsFilter,
  secrets: string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < secrets.length; i += 500) {
    const rows = await current(db, engagementId, filter)
      .where('secret', 'in', secrets.slice(i, i + 500))
      .select(['secret', 'account_key'])
      .execute();
    for (const r of rows)
      if (sameAsAccount(r.secret as string, r.account_key))
        out.set(r.secret as string, (out.get(r.secret as string) ?? 0) + 1);
  }
  return out;
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
    .select(['id', 'type_key', 'hash_type', 'secret', 'system_key', 'account_key'])
    .execute();
  return rows.map((r) => ({
    id: n(r.id),
    typeKey: n(r.type_key),
    hashType: r.hash_type === null ? null : n(r.hash_type),
    secret: r.secret as string,
    machine: r.account_key.endsWith('$'),
    isUsername: sameAsAccount(r.secret as string, r.account_key),
    accountKey: `${r.system_key}\u0000${r.account_key}`,
  }));
}

/**
 * Whether current credentials name two or more non-blank systems, found by index seeks (a handful
 * of look-ups, not a read of the vault): with one system no account can span systems.
 */
export async function spansSystems(db: Kysely<DB>, engagementId: number, filter: StatsFilter) {
  const found = new Set<string>();
  let after = '';
  for (let seeks = 0; seeks < 20; seeks++) {
    const row = await current(db, engagementId, filter)
      .where('system_key', '>', after)
      .select('system_key')
      .orderBy('system_key')
      .limit(1)
      .executeTakeFirst();
    if (!row) return false;
    after = row.system_key;
    if (after.trim() !== '') found.add(after.trim());
    if (found.size > 1) return true;
  }
  // Many blank-looking systems in a row: read the vault rather than guess.
  return true;
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

/**
 * Each distinct known secret of the filtered vault (current and earlier hashes) with the rows holding
 * it, in secret order: the cracking aids made of secrets, from one read of the secret index.
 */
export async function secretCounts(db: Kysely<DB>, engagementId: number, filter: StatsFilter) {
  const rows = await vault(db, engagementId, filter)
    .where('secret', 'is not', null)
    .select(['secret', sql<number>`count(*)`.as('n')])
    .groupBy('secret')
    .orderBy('secret')
    .execute();
  return rows.map((r) => ({ secret: r.secret as string, count: n(r.n) }));
}
