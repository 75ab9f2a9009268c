/**
 * The hash types the vault knows, by hashcat mode (`-m`). Names are what hashcat and operators call
 * them; -1 is "Unlisted" (a hash whose mode nobody recorded). The web shows `name (mode)`.
 */
export const HASH_TYPES: ReadonlyArray<{ mode: number; name: string }> = [
  { mode: -1, name: 'Unlisted' },
  { mode: 0, name: 'MD5' },
  { mode: 100, name: 'SHA1' },
  { mode: 111, name: 'LDAP SSHA1' },
  { mode: 500, name: 'md5crypt (Unix $1$)' },
  { mode: 1000, name: 'NTLM' },
  { mode: 1100, name: 'Domain Cached Credentials (DCC1)' },
  { mode: 1400, name: 'SHA2-256' },
  { mode: 1800, name: 'sha512crypt (Unix $6$)' },
  { mode: 2100, name: 'Domain Cached Credentials 2 (DCC2)' },
  { mode: 3000, name: 'LM' },
  { mode: 3200, name: 'bcrypt (Unix $2*$)' },
  { mode: 5500, name: 'NetNTLMv1 / NetNTLMv1+ESS / MSCHAPv2' },
  { mode: 5600, name: 'NetNTLMv2' },
  { mode: 7400, name: 'sha256crypt (Unix $5$)' },
  { mode: 7500, name: 'Kerberos 5 AS-REQ Pre-Auth RC4 (etype 23)' },
  { mode: 13100, name: 'Kerberos 5 TGS-REP RC4 (etype 23)' },
  { mode: 14000, name: 'DES (NetNTLMv1 / MSCHAPv2 key recovery)' },
  { mode: 18200, name: 'Kerberos 5 AS-REP RC4 (etype 23)' },
  { mode: 19600, name: 'Kerberos 5 TGS-REP AES128 (etype 17)' },
  { mode: 19700, name: 'Kerberos 5 TGS-REP AES256 (etype 18)' },
  { mode: 19800, name: 'Kerberos 5 AS-REQ Pre-Auth AES128 (etype 17)' },
  { mode: 19900, name: 'Kerberos 5 AS-REQ Pre-Auth AES256 (etype 18)' },
  { mode: 27000, name: 'NetNTLMv1 / NetNTLMv1+ESS (NT)' },
  { mode: 27100, name: 'NetNTLMv2 (NT)' },
  { mode: 32100, name: 'Kerberos 5 AS-REP AES128 (etype 17)' },
  { mode: 32200, name: 'Kerberos 5 AS-REP AES256 (etype 18)' },
];

const NAMES = new Map(HASH_TYPES.map((t) => [t.mode, t.name]));

export function isKnownHashType(mode: number): boolean {
  return NAMES.has(mode);
}

/** The display name of a mode; null for no hash; an unknown mode keeps its number visible. */
export function hashTypeName(mode: number | null): string | null {
  if (mode === null) return null;
  return NAMES.get(mode) ?? `Mode ${mode}`;
}

/** `NTLM (1000)`: how a select or a badge shows a mode. */
export function hashTypeLabel(mode: number | null): string {
  if (mode === null) return 'No hash';
  return `${hashTypeName(mode)} (${mode})`;
}
