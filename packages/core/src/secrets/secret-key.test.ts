import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateSecretKey, secretKeys } from './secret-key.ts';

describe('the secret key file', () => {
  it('is created once with mode 0600 and read back identically', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-key-'));
    const file = path.join(dir, 'nested', 'secret.key');
    const first = loadOrCreateSecretKey(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateSecretKey(file).equals(first)).toBe(true);
    fs.rmSync(dir, { recursive: true });
  });

  it('derives a different key per purpose, stable for the same master', () => {
    const keys = secretKeys(Buffer.from('x'.repeat(64)));
    expect(keys.derive('session').equals(keys.derive('access-jwt'))).toBe(false);
    expect(keys.derive('session').equals(secretKeys(Buffer.from('x'.repeat(64))).derive('session'))).toBe(
      true,
    );
  });

  it('refuses a key file that is too short', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-key-'));
    const file = path.join(dir, 'secret.key');
    fs.writeFileSync(file, 'short');
    expect(() => loadOrCreateSecretKey(file)).toThrow(/too short/);
    fs.rmSync(dir, { recursive: true });
  });
});
