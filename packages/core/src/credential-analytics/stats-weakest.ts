import type { StatsRow } from './stats-row.ts';

interface Breached {
  secret: string | null;
  hash_type: number | null;
  breach_count: number;
  accounts: Set<string>;
}

/** Current hashes found in breach data, cracked or not, with the accounts using each. */
export class WeakestFold {
  private readonly byHash = new Map<string, Breached>();

  add(r: StatsRow): void {
    if (!r.hibp_count || r.hibp_count <= 0) return;
    const key = `${r.type_key}\u0000${r.hash_key}`;
    let b = this.byHash.get(key);
    if (!b) {
      b = { secret: null, hash_type: r.hash_type, breach_count: r.hibp_count, accounts: new Set() };
      this.byHash.set(key, b);
    }
    if (r.secret !== null) b.secret = r.secret;
    b.accounts.add(`${r.system_key}\u0000${r.account_key}`);
  }

  top(limit: number) {
    return [...this.byHash.values()]
      .sort((a, b) => b.breach_count - a.breach_count || b.accounts.size - a.accounts.size)
      .slice(0, limit)
      .map((b) => ({
        secret: b.secret,
        hash_type: b.hash_type,
        breach_count: b.breach_count,
        accounts: b.accounts.size,
      }));
  }
}
