import type { CredentialFinding } from './credential-finding.ts';

/** A finding with the defaults filled in (no hash, no secret, no system). */
export function finding(
  fields: Pick<CredentialFinding, 'account' | 'purpose' | 'source'> & Partial<CredentialFinding>,
): CredentialFinding {
  const f: CredentialFinding = {
    system: fields.system ?? '',
    account: fields.account,
    hash: fields.hash ?? '',
    hashType: fields.hashType ?? null,
    secret: fields.secret ?? null,
    purpose: fields.purpose,
    source: fields.source,
  };
  if (fields.history && fields.history.length > 0) f.history = fields.history;
  return f;
}

/** The identity two findings share when they describe the same credential (case-insensitive names). */
export function findingKey(f: CredentialFinding): string {
  return [
    f.system.toLowerCase(),
    f.account.toLowerCase(),
    f.hash.toLowerCase(),
    f.hashType ?? '',
    f.secret ?? '\u0000',
  ].join('\u0001');
}
