import type { CredentialStatsDto } from '@steppingstones/shared/credential-stats';
import { hashTypeName } from '@steppingstones/shared/credentials';
import { charMask, maskKeyspace, passwordStructure } from './char-mask.ts';
import { passwordComplexity } from './complexity.ts';
import { countBy, top } from './counting.ts';
import { AccountFold } from './stats-accounts.ts';
import { CrossSystemFold, crossSystemReuse } from './stats-reuse.ts';
import { NO_HASH_TYPE, NTLM, type StatsRow } from './stats-row.ts';
import { WeakestFold } from './stats-weakest.ts';
import { prefixWords, suffixWords } from './wordlist.ts';

type Figures = Omit<CredentialStatsDto, 'engagement'>;

const inc = (m: Map<string, number>, k: string, by = 1) => m.set(k, (m.get(k) ?? 0) + by);

/**
 * Every statistic in one pass over the filtered rows. Account figures (cracked share, lengths,
 * complexity, structure, password = username) use current credentials; earlier hashes that were
 * cracked feed reuse, prefixes, suffixes and masks (how users change passwords).
 */
export class StatsComputation {
  private readonly fold = new AccountFold();
  private readonly hashTypes = new Map<number | null, { count: number; cracked: number }>();
  /** secret → the accounts (system\0account) that used it, now or before. */
  private readonly secretAccounts = new Map<string, Set<string>>();
  private readonly weakest = new WeakestFold();
  private readonly cross: CrossSystemFold | null;
  private pending = 0;

  constructor(systemFiltered: boolean) {
    this.cross = systemFiltered ? null : new CrossSystemFold();
  }

  add(r: StatsRow): void {
    if (r.secret !== null) {
      const accountKey = `${r.system_key}\u0000${r.account_key}`;
      const set = this.secretAccounts.get(r.secret);
      if (set) set.add(accountKey);
      else this.secretAccounts.set(r.secret, new Set([accountKey]));
    }
    if (r.position !== null) return;
    this.fold.add(r);
    const type = r.type_key === NO_HASH_TYPE ? null : r.hash_type;
    const t = this.hashTypes.get(type) ?? { count: 0, cracked: 0 };
    t.count++;
    if (r.secret !== null) t.cracked++;
    this.hashTypes.set(type, t);
    if (r.hash_type === NTLM && r.hibp_count === null) this.pending++;
    this.weakest.add(r);
    this.cross?.add(r);
  }

  result(): Figures {
    const accounts = [...this.fold.accounts.values()];
    const users = accounts.filter((a) => !a.machine);
    const machines = accounts.filter((a) => a.machine);
    const cracked = accounts.filter((a) => a.secret !== null);
    const uncracked = accounts.length - cracked.length;
    const lengths = countBy(cracked, (a) => String(Array.from(a.secret as string).length));
    const complexity = countBy(cracked, (a) => passwordComplexity(a.secret as string));
    const structure = countBy(cracked, (a) => passwordStructure(a.secret as string));
    if (uncracked) {
      complexity.set('uncracked', uncracked);
      structure.set('uncracked', uncracked);
    }
    const masks = new Map<string, number>();
    for (const [secret, set] of this.secretAccounts) inc(masks, charMask(secret), set.size);
    const distinct = [...this.secretAccounts.keys()];
    return {
      unique_user_accounts: users.length,
      cracked_user_accounts: users.filter((a) => a.secret !== null).length,
      unique_machine_accounts: machines.length,
      cracked_machine_accounts: machines.filter((a) => a.secret !== null).length,
      password_is_username: cracked.filter(
        (a) => (a.secret as string).toLowerCase() === a.account.toLowerCase(),
      ).length,
      hash_types: [...this.hashTypes]
        .map(([hash_type, t]) => ({
          hash_type,
          name: hash_type === null ? 'Plaintext (no hash)' : (hashTypeName(hash_type) ?? `Mode ${hash_type}`),
          ...t,
        }))
        .sort((a, b) => b.count - a.count || (a.hash_type ?? -3) - (b.hash_type ?? -3)),
      reused: top(new Map([...this.secretAccounts].map(([s, set]) => [s, set.size])), 10, 2).map((c) => ({
        secret: c.value,
        accounts: c.count,
      })),
      lengths: [
        ...[...lengths]
          .map(([length, count]) => ({ length: Number(length), count }))
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
      weakest: this.weakest.top(10),
      breached_user_accounts: users.filter((a) => a.breached).length,
      breached_machine_accounts: machines.filter((a) => a.breached).length,
      breach_checks_pending: this.pending,
      reuse_across_systems: this.cross ? crossSystemReuse(this.cross) : null,
    };
  }
}
