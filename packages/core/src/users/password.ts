import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { PASSWORD_MIN_LENGTH } from '@steppingstones/shared';
import { ValidationError } from '../errors.ts';

const scrypt = promisify(crypto.scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

const N = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

/** `scrypt$N$r$p$salt$hash`: the parameters travel with the hash, so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password, salt, KEY_LENGTH, { N, r: R, p: P, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', N, R, P, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 64 * 1024 * 1024,
  });
  return actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
}

/**
 * A hash of a random password, verified against when the username is unknown, so an unknown user
 * costs the same time as a wrong password (no user enumeration by timing).
 */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  return dummyHash;
}

const COMMON_PASSWORDS = new Set([
  'password',
  'password1',
  'password12',
  'password123',
  'password1234',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword123',
  'qwerty',
  'qwertyuiop',
  'qwerty1234',
  'qwerty12345',
  'letmein',
  'letmein123',
  'welcome',
  'welcome123',
  'welcome1234',
  'iloveyou',
  'admin',
  'admin12345',
  'administrator',
  'changeme',
  'changeme123',
  'trustno1',
  'football',
  'baseball',
  'sunshine',
  'princess',
  'dragon',
  'monkey',
  'superman',
  'starwars',
  'abc1234567',
  'abcdefghij',
  'aaaaaaaaaa',
  'zaq12wsxcde',
  '1q2w3e4r5t',
  '1qaz2wsx3edc',
  'steppingstones',
  'steppingstones1',
  'redteam123',
  'summer2026',
  'winter2026',
  'spring2026',
  'autumn2026',
]);

/** The rule lives in packages/shared, so the web's forms state the same minimum. */
export { PASSWORD_MIN_LENGTH };

/** Password rules (Django's four validators, with a longer minimum). Throws a field error. */
export function checkPasswordRules(password: string, username: string, field = 'password'): void {
  if (password.length < PASSWORD_MIN_LENGTH)
    throw ValidationError.field(field, `must be at least ${PASSWORD_MIN_LENGTH} characters long`);
  if (/^\d+$/.test(password)) throw ValidationError.field(field, 'must not be entirely numeric');
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) throw ValidationError.field(field, 'is too common; choose another');
  const name = username.toLowerCase();
  if (name.length >= 3 && (lower.includes(name) || name.includes(lower) || similarity(lower, name) > 0.7))
    throw ValidationError.field(field, 'is too similar to the username');
}

/** Ratio of matching characters (a small stand-in for difflib's quick ratio). */
function similarity(a: string, b: string): number {
  const counts = new Map<string, number>();
  for (const ch of b) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let matches = 0;
  for (const ch of a) {
    const n = counts.get(ch) ?? 0;
    if (n > 0) {
      matches++;
      counts.set(ch, n - 1);
    }
  }
  return (2 * matches) / (a.length + b.length);
}
