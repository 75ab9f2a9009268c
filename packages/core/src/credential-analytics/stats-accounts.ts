import { LM, type StatsRow } from './stats-row.ts';

/** One (system, account) pair and what its current credentials say. */
export interface AccountState {
  system: string;
  account: string;
  machine: boolean;
  /** The known secret of a current credential (NT preferred over LM, then the newest), or null. */
  secret: string | null;
  secretId: number;
  secretFromLm: boolean;
  /** The highest breach count of a current hash of this account. */
  breached: boolean;
}

/** Folds current rows into accounts: an account is cracked when a current credential's secret is known. */
export class AccountFold {
  readonly accounts = new Map<string, AccountState>();

  add(r: StatsRow): void {
    const key = `${r.system_key}\u0000${r.account_key}`;
    let a = this.accounts.get(key);
    if (!a) {
      a = {
        system: r.system,
        account: r.account,
        machine: r.account.endsWith('$'),
        secret: null,
        secretId: -1,
        secretFromLm: false,
        breached: false,
      };
      this.accounts.set(key, a);
    }
    if ((r.hibp_count ?? 0) > 0) a.breached = true;
    if (r.secret === null) return;
    const fromLm = r.hash_type === LM;
    const better =
      a.secret === null || (a.secretFromLm && !fromLm) || (a.secretFromLm === fromLm && r.id > a.secretId);
    if (better) {
      a.secret = r.secret;
      a.secretId = r.id;
      a.secretFromLm = fromLm;
    }
  }
}
