import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';
import { PROJECT_ROOT } from './project-root.ts';

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(8000);
    expect(config.dataDir).toBe(path.join(PROJECT_ROOT, 'data'));
    expect(config.database).toEqual({
      dialect: 'sqlite',
      location: path.join(PROJECT_ROOT, 'data', 'steppingstones.db'),
    });
    expect(config.secretKeyFile).toBe(path.join(PROJECT_ROOT, 'data', 'secret.key'));
    expect(config.allowedHosts).toEqual(['localhost', '127.0.0.1', '::1']);
    expect(config.maxBodyBytes).toBe(64 * 1024 * 1024);
    expect(config.trustProxy).toBe(false);
    expect(config.worker).toBe(true);
    expect(config.navigatorUrl).toBe('https://mitre-attack.github.io/attack-navigator/');
  });

  it('treats empty values as unset and resolves DATA_DIR against the project root', () => {
    const config = loadConfig({ DATABASE_URL: '', PORT: '', DATA_DIR: 'var/ss' });
    expect(config.port).toBe(8000);
    expect(config.dataDir).toBe(path.join(PROJECT_ROOT, 'var/ss'));
    expect(config.database.location).toBe(path.join(PROJECT_ROOT, 'var/ss/steppingstones.db'));
  });

  it('selects PostgreSQL from a postgres:// DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/ss' }).database).toEqual({
      dialect: 'postgres',
      location: 'postgres://u:p@db:5432/ss',
    });
  });

  it('adds the PUBLIC_URL host to the allowed hosts', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://ss.example.net/' });
    expect(config.allowedHosts).toContain('ss.example.net');
    expect(config.publicUrl).toBe('https://ss.example.net');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ MAX_BODY_MB: '-1' }, 'MAX_BODY_MB'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ PUBLIC_URL: 'ftp://x' }, 'PUBLIC_URL'],
    [{ NAVIGATOR_URL: 'javascript:alert(1)' }, 'NAVIGATOR_URL'],
    [{ NAVIGATOR_URL: 'https://nav.example/#layerURL=x' }, 'NAVIGATOR_URL'],
    [{ WORKER: 'maybe' }, 'WORKER'],
    [{ TLS_CERT_FILE: '/etc/hostname' }, 'TLS_KEY_FILE'],
    [{ TLS_CERT_FILE: '/nonexistent/cert.pem', TLS_KEY_FILE: '/nonexistent/key.pem' }, 'TLS_CERT_FILE'],
  ])('refuses %o, naming %s', (env, setting) => {
    const error = errorOf(env);
    expect(error.setting).toBe(setting);
    expect(error.message).toContain(setting);
  });

  it('parses TRUST_PROXY as a flag, a hop count or a list', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.0.0.0/8' }).trustProxy).toEqual([
      '10.0.0.1',
      '10.0.0.0/8',
    ]);
  });
});
