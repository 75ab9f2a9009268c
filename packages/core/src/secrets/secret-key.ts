import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { makePrivateDir } from '@steppingstones/db';

/** Purposes for which a key is derived; one leaked key opens only its own purpose. */
export type KeyPurpose =
  | 'session'
  | 'access-jwt'
  | 'refresh-jwt'
  | 'signed-url'
  | 'history-chain'
  | 'webhook'
  | 'setup';

export interface SecretKeys {
  derive(purpose: KeyPurpose): Buffer;
}

/**
 * Reads the instance secret, creating it (mode 0600) if no process has yet. Creation uses O_EXCL so two
 * processes starting together agree on one file: the loser of the race reads the winner's key.
 */
export function loadOrCreateSecretKey(file: string): Buffer {
  try {
    return readKey(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  makePrivateDir(path.dirname(file));
  const key = crypto.randomBytes(32).toString('hex');
  try {
    const fd = fs.openSync(file, 'wx', 0o600);
    fs.writeSync(fd, `${key}\n`);
    fs.closeSync(fd);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Another process created it between our read and our create; wait until its write is visible.
    for (let i = 0; i < 50; i++) {
      try {
        return readKey(file);
      } catch {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
      }
    }
  }
  return readKey(file);
}

function readKey(file: string): Buffer {
  const text = fs.readFileSync(file, 'utf8').trim();
  if (text.length < 32)
    throw new Error(`The secret key file ${file} is too short (at least 32 characters are needed).`);
  return Buffer.from(text, 'utf8');
}

export function secretKeys(master: Buffer): SecretKeys {
  const cache = new Map<KeyPurpose, Buffer>();
  return {
    derive(purpose) {
      let key = cache.get(purpose);
      if (!key) {
        key = Buffer.from(
          crypto.hkdfSync('sha256', master, 'steppingstones', `steppingstones/${purpose}/v1`, 32),
        );
        cache.set(purpose, key);
      }
      return key;
    },
  };
}
