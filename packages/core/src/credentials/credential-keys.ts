import crypto from 'node:crypto';

/** The type key of a credential without a hash (cleartext only); hashcat modes are -1 and up. */
export const NO_HASH_TYPE = -2;

/** Hashes longer than this are keyed by a digest, so the identity index stays small on both dialects. */
const LONG_HASH = 128;

export function textKey(value: string): string {
  return value.toLowerCase();
}

/**
 * The case-insensitive key of a hash: the lower-cased hash, or a digest of it when long (Kerberos
 * tickets run to 10,000 characters). Crack matching and exact-hash search use the same function.
 */
export function hashKey(hash: string): string {
  const lower = hash.toLowerCase();
  return lower.length <= LONG_HASH
    ? lower
    : `sha256:${crypto.createHash('sha256').update(lower).digest('hex')}`;
}

/**
 * A cleartext-only credential is identified by its secret (case-sensitive: passwords are), so two
 * different passwords found for one account are two credentials.
 */
export function secretKey(secret: string): string {
  return `=${crypto.createHash('sha256').update(secret).digest('hex')}`;
}

export interface IdentityKeys {
  system_key: string;
  account_key: string;
  hash_key: string;
  type_key: number;
}

export function identityKeys(c: {
  system: string;
  account: string;
  hash: string;
  hashType: number | null;
  secret: string | null;
}): IdentityKeys {
  const hasHash = c.hash !== '';
  return {
    system_key: textKey(c.system),
    account_key: textKey(c.account),
    hash_key: hasHash ? hashKey(c.hash) : secretKey(c.secret ?? ''),
    type_key: hasHash ? (c.hashType ?? -1) : NO_HASH_TYPE,
  };
}

export function identityString(k: IdentityKeys): string {
  return `${k.system_key}\u0000${k.account_key}\u0000${k.type_key}\u0000${k.hash_key}`;
}
