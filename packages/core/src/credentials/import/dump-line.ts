import type { VaultFinding } from '../credential-ingest.service.ts';

/** What a parser makes of one line: findings, a rejection with its reason, or nothing (skipped). */
export type LineOutcome =
  | { findings: VaultFinding[] }
  | { reject: string }
  | { skip: true }
  /** Older hashes of an account: secretsdump's `user_history0` lines. */
  | { history: { system: string; account: string; index: number; lm: string | null; nt: string | null } };

export interface DumpOptions {
  /** The default system (the form's or the `system` parameter); a `DOMAIN\user` prefix wins. */
  system: string;
  hashType: number | null;
  filename: string;
}

export const EMPTY_LM = 'aad3b435b51404eeaad3b435b51404ee';
export const EMPTY_NT = '31d6cfe0d16ae931b73c59d7e0c089c0';

/** `DOMAIN\user` → its parts; no backslash → the default system. */
export function splitAccount(value: string, defaultSystem: string): { system: string; account: string } {
  const at = value.indexOf('\\');
  if (at < 0) return { system: defaultSystem, account: value };
  return { system: value.slice(0, at), account: value.slice(at + 1) };
}

export const finding = (f: Partial<VaultFinding> & Pick<VaultFinding, 'account'>): VaultFinding => ({
  system: '',
  hash: '',
  hashType: null,
  secret: null,
  purpose: '',
  source: '',
  ...f,
});
