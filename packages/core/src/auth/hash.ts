import crypto from 'node:crypto';

/** Secrets (session ids, tokens) are stored only as this hash: a database leak does not sign anyone in. */
export function sha256Hex(value: string): string {
  return crypto.createHash('sha256').update(value).digest('hex');
}
