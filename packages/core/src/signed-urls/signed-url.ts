import crypto from 'node:crypto';
import type { SecretKeys } from '../secrets/secret-key.ts';

/** The query parameter that carries the signature; everything else in the URL is what it signs. */
export const SIGNED_URL_TOKEN_PARAM = 'token';

/** Whose rights the URL carries: the user, and their credentials epoch when it was made. */
export interface UrlSigner {
  userId: number;
  /** `app_user.auth_epoch`: a password change or deactivation bumps it, which revokes the URL. */
  authEpoch: number;
}

export interface SignedUrlTarget {
  /** What the URL is for (e.g. `navigator-layer`): a signature for one purpose opens no other. */
  purpose: string;
  /** The path, built from the route's decoded parameters so that encoding variants do not matter. */
  path: string;
  /** The query without the token: engagement, filter, parameters. */
  query: URLSearchParams;
}

export type SignedUrlCheck =
  | { ok: true; signer: UrlSigner; expiresAt: number }
  | { ok: false; problem: 'missing' | 'malformed' | 'bad_signature' }
  | { ok: false; problem: 'expired'; expiresAt: number };

/** Order-independent text of the query (repeated keys kept), without the token. */
function canonicalQuery(query: URLSearchParams): string {
  const pairs = [...query.entries()].filter(([k]) => k !== SIGNED_URL_TOKEN_PARAM);
  pairs.sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0));
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

function mac(keys: SecretKeys, target: SignedUrlTarget, signer: UrlSigner, expiresAt: number): Buffer {
  const message = [
    'steppingstones-signed-url/v1',
    target.purpose,
    target.path,
    canonicalQuery(target.query),
    signer.userId,
    signer.authEpoch,
    expiresAt,
  ].join('\n');
  return crypto.createHmac('sha256', keys.derive('signed-url')).update(message).digest();
}

/**
 * Signs a URL for `signer` until `expiresAt` (epoch ms): returns its query with the token added. The
 * token is `<userId>.<authEpoch>.<expiresAt>.<HMAC>`, the HMAC covering purpose, path, every query
 * parameter and those three numbers, under the key derived for signed URLs from SECRET_KEY_FILE.
 */
export function signUrl(
  keys: SecretKeys,
  target: SignedUrlTarget,
  signer: UrlSigner,
  expiresAt: number,
): URLSearchParams {
  const signed = new URLSearchParams(target.query);
  signed.delete(SIGNED_URL_TOKEN_PARAM);
  const sig = mac(keys, target, signer, expiresAt).toString('base64url');
  signed.append(SIGNED_URL_TOKEN_PARAM, `${signer.userId}.${signer.authEpoch}.${expiresAt}.${sig}`);
  return signed;
}

/**
 * Checks a URL's token against what it signs. The signature is checked before the expiry, so an altered
 * URL is always "bad_signature" and "expired" means a genuine link that is too old.
 */
export function verifySignedUrl(keys: SecretKeys, target: SignedUrlTarget, now: number): SignedUrlCheck {
  const tokens = target.query.getAll(SIGNED_URL_TOKEN_PARAM);
  if (tokens.length === 0) return { ok: false, problem: 'missing' };
  const match =
    tokens.length === 1 ? /^(\d{1,15})\.(\d{1,15})\.(\d{1,16})\.([A-Za-z0-9_-]{43})$/.exec(tokens[0]!) : null;
  if (!match) return { ok: false, problem: 'malformed' };
  const signer = { userId: Number(match[1]), authEpoch: Number(match[2]) };
  const expiresAt = Number(match[3]);
  const expected = mac(keys, target, signer, expiresAt);
  const given = Buffer.from(match[4]!, 'base64url');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected))
    return { ok: false, problem: 'bad_signature' };
  if (now >= expiresAt) return { ok: false, problem: 'expired', expiresAt };
  return { ok: true, signer, expiresAt };
}

/** The URL with its token replaced, for logs: a signed URL is a credential until it expires. */
export function redactSignedUrl(url: string): string {
  return url.replace(new RegExp(`([?&]${SIGNED_URL_TOKEN_PARAM}=)[^&#]*`, 'g'), '$1[redacted]');
}
