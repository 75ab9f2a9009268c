import { isKnownHashType } from '@steppingstones/shared/credentials';
import { type DumpOptions, finding, type LineOutcome, splitAccount } from './dump-line.ts';

const MAX_HASH = 10_000;

function firstColon(text: string): [string, string] | null {
  const at = text.indexOf(':');
  return at < 0 ? null : [text.slice(0, at), text.slice(at + 1)];
}

/** `user:hash` (the `hash_type` parameter gives the mode); `SYS\user` names the system. */
export function parseUserHashLine(raw: string, options: DumpOptions): LineOutcome {
  const text = raw.trim();
  if (text === '') return { skip: true };
  const parts = firstColon(text);
  if (!parts) return { reject: 'has no colon (expected user:hash)' };
  const { system, account } = splitAccount(parts[0].trim(), options.system);
  const hash = parts[1].trim();
  if (!account) return { reject: 'has no user before the colon' };
  if (!hash) return { reject: 'has no hash after the colon' };
  if (hash.length > MAX_HASH) return { reject: 'has a hash longer than 10,000 characters' };
  return {
    findings: [
      finding({ system, account, hash, hashType: options.hashType ?? -1, source: 'User:Hash import' }),
    ],
  };
}

/** `user:secret`; the secret may contain colons, and may be empty (a known empty password). */
export function parseUserSecretLine(raw: string, options: DumpOptions): LineOutcome {
  const text = raw.replace(/^\s+/, '');
  if (text.trim() === '') return { skip: true };
  const parts = firstColon(text);
  if (!parts) return { reject: 'has no colon (expected user:secret)' };
  const { system, account } = splitAccount(parts[0].trim(), options.system);
  if (!account) return { reject: 'has no user before the colon' };
  if (parts[1].length > 1000) return { reject: 'has a secret longer than 1,000 characters' };
  return { findings: [finding({ system, account, secret: parts[1], source: 'User:Secret import' })] };
}

/** `user:hash:secret`: split at the first two colons, so the secret may contain colons. */
export function parseUserHashSecretLine(raw: string, options: DumpOptions): LineOutcome {
  const text = raw.replace(/^\s+/, '');
  if (text.trim() === '') return { skip: true };
  const first = firstColon(text);
  const second = first && firstColon(first[1]);
  if (!first || !second) return { reject: 'has fewer than two colons (expected user:hash:secret)' };
  const { system, account } = splitAccount(first[0].trim(), options.system);
  const hash = second[0].trim();
  if (!account) return { reject: 'has no user before the first colon' };
  if (!hash) return { reject: 'has no hash between the colons' };
  if (hash.length > MAX_HASH) return { reject: 'has a hash longer than 10,000 characters' };
  return {
    findings: [
      finding({
        system,
        account,
        hash,
        hashType: options.hashType ?? -1,
        secret: second[1],
        source: 'User:Hash:Secret import',
      }),
    ],
  };
}

/** A `hash_type` parameter the vault can store (-1 unlisted or a mode of the catalogue). */
export function checkHashType(mode: number | undefined): string | null {
  if (mode === undefined || isKnownHashType(mode)) return null;
  return `${mode} is not a hashcat mode the vault knows; use -1 (unlisted) or one of the listed modes`;
}
