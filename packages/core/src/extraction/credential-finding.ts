/**
 * One credential an extractor found in a piece of tool output. The vault stores findings as they
 * are; an extractor never writes to the database itself, so every extractor is a pure function from
 * text to findings and can be tested with a table.
 */
export interface CredentialFinding {
  /** Domain, host or realm the account belongs to ('' when the output does not say). */
  system: string;
  account: string;
  /** The hash in hashcat input format ('' when only a cleartext secret was found). */
  hash: string;
  /** The hashcat mode of `hash`; `null` when there is no hash. */
  hashType: number | null;
  /** Cleartext password; `null` when unknown, `''` for a known empty password. */
  secret: string | null;
  /** What the secret is for (e.g. "NTLM", "Kerberos AES256 key", "LAPS"). */
  purpose: string;
  /** The extractor that found it (e.g. "secretsdump", "mimikatz-logonpasswords"). */
  source: string;
  /** Older hashes of the same account, latest first (secretsdump `user_history0`, …). */
  history?: readonly string[];
}

/** An extractor: a cheap marker check first, then the full parse only when the marker is present. */
export interface CredentialExtractor {
  name: string;
  /** True when the text may hold something for this extractor; must be linear and cheap. */
  mayMatch(text: string): boolean;
  extract(text: string): CredentialFinding[];
}
