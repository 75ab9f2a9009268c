/** hashcat modes (`-m`) of the hashes the extractors produce. */
export const HashMode = {
  md5crypt: 500,
  dcc1: 1100,
  ntlm: 1000,
  sha512crypt: 1800,
  dcc2: 2100,
  lm: 3000,
  bcrypt: 3200,
  netNtlmV1: 5500,
  netNtlmV2: 5600,
  sha256crypt: 7400,
  kerberosPreauthRc4: 7500,
  tgsRc4: 13100,
  asrepRc4: 18200,
  tgsAes128: 19600,
  tgsAes256: 19700,
  kerberosPreauthAes128: 19800,
  kerberosPreauthAes256: 19900,
  asrepAes128: 32100,
  asrepAes256: 32200,
} as const;

export const EMPTY_LM = 'aad3b435b51404eeaad3b435b51404ee';
export const EMPTY_NT = '31d6cfe0d16ae931b73c59d7e0c089c0';

/** The TGS-REP mode of a Kerberos etype (23 RC4, 17 AES128, 18 AES256); null for others (DES). */
export function tgsMode(etype: number): number | null {
  if (etype === 23) return HashMode.tgsRc4;
  if (etype === 17) return HashMode.tgsAes128;
  if (etype === 18) return HashMode.tgsAes256;
  return null;
}

export function asrepMode(etype: number): number | null {
  if (etype === 23) return HashMode.asrepRc4;
  if (etype === 17) return HashMode.asrepAes128;
  if (etype === 18) return HashMode.asrepAes256;
  return null;
}

export function preauthMode(etype: number): number | null {
  if (etype === 23) return HashMode.kerberosPreauthRc4;
  if (etype === 17) return HashMode.kerberosPreauthAes128;
  if (etype === 18) return HashMode.kerberosPreauthAes256;
  return null;
}
