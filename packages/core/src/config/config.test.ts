import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSelfSignedCert } from '../testing/self-signed-cert.ts';
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
    [{ LOG_FORMAT: 'xml' }, 'LOG_FORMAT'],
    [{ PUBLIC_URL: 'ftp://x' }, 'PUBLIC_URL'],
    [{ NAVIGATOR_URL: 'javascript:alert(1)' }, 'NAVIGATOR_URL'],
    [{ NAVIGATOR_URL: 'https://nav.example/#layerURL=x' }, 'NAVIGATOR_URL'],
    [{ WORKER: 'maybe' }, 'WORKER'],
    [{ TLS_CERT_FILE: '/etc/hostname' }, 'TLS_KEY_FILE'],
    [{ TLS_CERT_FILE: '/nonexistent/cert.pem', TLS_KEY_FILE: '/nonexistent/key.pem' }, 'TLS_CERT_FILE'],
    [{ TLS_CERT_FILE: '/etc/hostname', TLS_KEY_FILE: '/etc/hostname' }, 'TLS_CERT_FILE'],
    [{ DATABASE_URL: 'mysql://user:pw@db/ss' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'https://db.example/ss' }, 'DATABASE_URL'],
    [{ TRUST_PROXY: 'banana' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.1, 10.0.0.0/33' }, 'TRUST_PROXY'],
    [{ ALLOWED_HOSTS: ' , ' }, 'ALLOWED_HOSTS'],
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
    expect(loadConfig({ TRUST_PROXY: 'loopback,fd00::/8,192.168.0.0/255.255.0.0' }).trustProxy).toEqual([
      'loopback',
      'fd00::/8',
      '192.168.0.0/255.255.0.0',
    ]);
  });

  it('never prints the password of a refused DATABASE_URL', () => {
    expect(errorOf({ DATABASE_URL: 'mysql://user:hunter2@db/ss' }).message).not.toContain('hunter2');
  });

  it('keeps sqlite: URLs and plain paths as SQLite files', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite:///var/ss/a.db' }).database).toEqual({
      dialect: 'sqlite',
      location: '/var/ss/a.db',
    });
    expect(loadConfig({ DATABASE_URL: 'var/b.db' }).database.location).toBe(
      path.join(PROJECT_ROOT, 'var/b.db'),
    );
  });

  describe('TLS files', () => {
    const first = createSelfSignedCert();
    const second = createSelfSignedCert();
    afterAll(() => {
      first.remove();
      second.remove();
    });

    it('accepts a matching certificate and key', () => {
      expect(loadConfig({ TLS_CERT_FILE: first.certFile, TLS_KEY_FILE: first.keyFile }).tls).toEqual({
        certFile: first.certFile,
        keyFile: first.keyFile,
      });
    });

    it('refuses a key that is not a key, or belongs to another certificate, naming TLS_KEY_FILE', () => {
      const notAKey = errorOf({ TLS_CERT_FILE: first.certFile, TLS_KEY_FILE: first.certFile });
      expect(notAKey.setting).toBe('TLS_KEY_FILE');
      expect(notAKey.message).toContain('is not an unencrypted PEM private key');
      const otherKey = errorOf({ TLS_CERT_FILE: first.certFile, TLS_KEY_FILE: second.keyFile });
      expect(otherKey.setting).toBe('TLS_KEY_FILE');
      expect(otherKey.message).toContain('does not belong to the certificate');
    });

    it('refuses a certificate file that is not PEM, naming TLS_CERT_FILE', () => {
      const error = errorOf({ TLS_CERT_FILE: first.keyFile, TLS_KEY_FILE: first.keyFile });
      expect(error.setting).toBe('TLS_CERT_FILE');
      expect(error.message).toContain('is not a PEM certificate');
    });
  });
});
