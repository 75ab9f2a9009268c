import { NO_HASH_TYPE, type StatsRow } from './stats-row.ts';

interface Spread {
  account: string;
  cracked: boolean;
  systems: Map<string, string>;
}

/**
 * The same account with the same hash on different systems (local Administrator reused across hosts,
 * one user in several domains): current hashes of non-blank systems, grouped by account and hash.
 */
export class CrossSystemFold {
  readonly groups = new Map<string, Spread>();

  add(r: Pick<StatsRow, 'type_key' | 'system' | 'account' | 'account_key' | 'hash_key' | 'secret'>): void {
    if (r.type_key === NO_HASH_TYPE) return;
    const system = r.system.trim();
    if (system === '') return;
    const key = `${r.account_key}\u0000${r.type_key}\u0000${r.hash_key}`;
    let g = this.groups.get(key);
    if (!g) {
      g = { account: r.account, cracked: false, systems: new Map() };
      this.groups.set(key, g);
    }
    if (r.secret !== null) g.cracked = true;
    const systemKey = system.toLowerCase();
    if (!g.systems.has(systemKey)) g.systems.set(systemKey, system);
  }
}

/** One row per account spanning two or more systems (with every system it spans), most systems first. */
export function crossSystemReuse(fold: CrossSystemFold) {
  const byAccount = new Map<string, { account: string; cracked: boolean; systems: Map<string, string> }>();
  for (const g of fold.groups.values()) {
    if (g.systems.size < 2) continue;
    const key = g.account.toLowerCase();
    const a = byAccount.get(key) ?? { account: g.account, cracked: false, systems: new Map() };
    a.cracked ||= g.cracked;
    for (const [k, v] of g.systems) if (!a.systems.has(k)) a.systems.set(k, v);
    byAccount.set(key, a);
  }
  const rows = [...byAccount.values()]
    .map((a) => ({ account: a.account, cracked: a.cracked, systems: [...a.systems.values()].sort() }))
    .sort((a, b) => b.systems.length - a.systems.length || a.account.localeCompare(b.account));
  return { accounts: rows.length, cracked: rows.filter((r) => r.cracked).length, rows: rows.slice(0, 100) };
}
