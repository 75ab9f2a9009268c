import type { DB } from '@steppingstones/db';
import type { CredentialStatsDto } from '@steppingstones/shared/credential-stats';
import { hashTypeName } from '@steppingstones/shared/credentials';
import type { Kysely } from 'kysely';
import { charMask, chars, maskKeyspace, passwordStructure } from './char-mask.ts';
import { passwordComplexity } from './complexity.ts';
import { top } from './counting.ts';
import { CrossSystemFold, crossSystemReuse } from './stats-reuse.ts';
import { LM, NO_HASH_TYPE, NTLM } from './stats-row.ts';
import {
  accountCounts,
  beyondAscii,
  breachCounts,
  crackedTypeCounts,
  multiCrackedRows,
  repeatedHashRows,
  type StatsFilter,
  sameAsAccountCounts,
  secretUse,
  spansSystems,
  typeCounts,
  weakestHashes,
} from './stats-sql.ts';
import { prefixWords, suffixWords } from './wordlist.ts';

type Figures = Omit<CredentialStatsDto, 'engagement'>;

const inc = (m: Map<string, number>, k: string, by = 1) => m.set(k, (m.get(k) ?? 0) + by);

/**
 * Every statistic of the filtered vault. Account figures (cracked share, lengths, complexity,
 * structure, password = username) use current credentials; earlier hashes that were cracked feed
 * reuse, prefixes, suffixes and masks (how users change passwords). The database aggregates; only
 * counts, distinct secrets and repeated-hash rows are read.
 */
export async function computeStats(
  db: Kysely<DB>,
  engagementId: number,
  filter: StatsFilter,
): Promise<Figures> {
  const systemFiltered = filter.system !== undefined;
  // One statement at a time: SQLite runs them on one connection anyway, PostgreSQL on a pool.
  const types = await typeCounts(db, engagementId, filter);
  const crackedByType = await crackedTypeCounts(db, engagementId, filter);
  const all = await accountCounts(db, engagementId, filter);
  const breach = await breachCounts(db, engagementId, filter);
  const secrets = await secretUse(db, engagementId, filter);
  const multi = await multiCrackedRows(db, engagementId, filter);
  // SQL folds case in ASCII only: secrets beyond it are compared with their accounts here.
  const unicode = secrets.filter((s) => s.current > 0 && beyondAscii(s.secret)).map((s) => s.secret);
  const sameBeyondAscii = await sameAsAccountCounts(db, engagementId, filter, unicode);
  // Breach checks are off by default: without a breached hash there is nothing to rank.
  const weakest = breach.breached > 0 ? await weakestHashes(db, engagementId, filter, 10) : [];
  const cross = systemFiltered ? null : new CrossSystemFold();
  if (cross && (await spansSystems(db, engagementId, filter)))
    for (const r of await repeatedHashRows(db, engagementId, filter)) cross.add(r);

  const users = { accounts: all.accounts - all.machines, cracked: 0 };
  const machines = { accounts: all.machines, cracked: 0 };
  const lengths = new Map<number, number>();
  const complexity = new Map<string, number>();
  const structure = new Map<string, number>();
  let passwordIsUsername = 0;
  // The figures of current credentials holding `secret`: lengths, complexity and structure follow
  // from the secret itself (as its stored derived columns do).
  const tally = (secret: string, userRows: number, machineRows: number, sameRows: number) => {
    const rows = userRows + machineRows;
    users.cracked += userRows;
    machines.cracked += machineRows;
    const length = chars(secret).length;
    lengths.set(length, (lengths.get(length) ?? 0) + rows);
    inc(complexity, passwordComplexity(secret), rows);
    inc(structure, passwordStructure(secret), rows);
    passwordIsUsername += sameRows;
  };
  for (const s of secrets) {
    if (s.current === 0) continue;
    const same = beyondAscii(s.secret) ? (sameBeyondAscii.get(s.secret) ?? 0) : s.currentSame;
    tally(s.secret, s.current - s.currentMachines, s.currentMachines, same);
  }
  // An account with several known secrets was counted once per row above: count it once, by the
  // secret of its NT credential before its LM one, then the newest.
  const byAccount = new Map<string, typeof multi>();
  for (const r of multi) byAccount.set(r.accountKey, [...(byAccount.get(r.accountKey) ?? []), r]);
  const one = (r: (typeof multi)[number], by: number) =>
    tally(r.secret, r.machine ? 0 : by, r.machine ? by : 0, r.isUsername ? by : 0);
  for (const rows of byAccount.values()) {
    for (const r of rows) one(r, -1);
    const rank = (r: (typeof multi)[number]) => (r.hashType === LM ? 0 : 1);
    const chosen = rows.reduce((best, r) =>
      rank(r) > rank(best) || (rank(r) === rank(best) && r.id > best.id) ? r : best,
    );
    one(chosen, 1);
  }
  const uncracked = users.accounts + machines.accounts - users.cracked - machines.cracked;
  if (uncracked) {
    complexity.set('uncracked', uncracked);
    structure.set('uncracked', uncracked);
  }
  const used = new Map(secrets.map((s) => [s.secret, s.accounts]));
  const masks = new Map<string, number>();
  for (const [secret, accounts] of used) inc(masks, charMask(secret), accounts);
  const distinct = [...used.keys()];
  return {
    unique_user_accounts: users.accounts,
    cracked_user_accounts: users.cracked,
    unique_machine_accounts: machines.accounts,
    cracked_machine_accounts: machines.cracked,
    password_is_username: passwordIsUsername,
    hash_types: [...types]
      .map(([typeKey, count]) => {
        const hashType = typeKey === NO_HASH_TYPE ? null : typeKey;
        return {
          hash_type: hashType,
          name: hashType === null ? 'Plaintext (no hash)' : (hashTypeName(hashType) ?? `Mode ${hashType}`),
          count,
          cracked: crackedByType.get(typeKey) ?? 0,
        };
      })
      .sort((a, b) => b.count - a.count || (a.hash_type ?? -3) - (b.hash_type ?? -3)),
    reused: top(used, 10, 2).map((c) => ({ secret: c.value, accounts: c.count })),
    lengths: [
      ...[...lengths]
        .filter(([, count]) => count > 0)
        .map(([length, count]) => ({ length, count }))
        .sort((a, b) => a.length - b.length),
      ...(uncracked ? [{ length: null, count: uncracked }] : []),
    ],
    complexity: top(complexity),
    structure: top(structure),
    prefixes: prefixWords(distinct)
      .filter((c) => c.count > 1)
      .slice(0, 10),
    suffixes: suffixWords(distinct)
      .filter((c) => c.count > 1)
      .slice(0, 10),
    masks: top(masks, 20).map((c) => ({ mask: c.value, count: c.count, keyspace: maskKeyspace(c.value) })),
    weakest,
    breached_user_accounts: breach.breached - breach.breachedMachines,
    breached_machine_accounts: breach.breachedMachines,
    breach_checks_pending: (types.get(NTLM) ?? 0) - breach.checkedNtlm,
    reuse_across_systems: cross ? crossSystemReuse(cross) : null,
  };
}
