import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '@steppingstones/core';
import { createTestDatabase, type TestDatabase, testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const BIN = path.join(PROJECT_ROOT, 'apps/cli/bin/steppingstones.js');

function cli(env: Record<string, string>, ...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, LOG_LEVEL: '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.each(testDialects())('the CLI on an empty %s database', { timeout: 180_000 }, (dialect) => {
  let testDb: TestDatabase;
  let env: Record<string, string>;
  beforeEach(async () => {
    testDb = await createTestDatabase(dialect);
    env = { DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'ss-cli-')), DATABASE_URL: testDb.url };
  });
  afterEach(async () => {
    await testDb.drop();
    fs.rmSync(env.DATA_DIR!, { recursive: true, force: true });
  });

  it('migrates, and reports an up-to-date database the second time', () => {
    const first = cli(env, 'migrate');
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/Applied \d+ migration\(s\): 0001-core/);
    expect(cli(env, 'migrate').stdout).toContain('The database is up to date.');
  });

  it('creates and lists engagements, and explains a bad date', () => {
    const created = cli(
      env,
      'engagement',
      'create',
      '--code',
      'ACME',
      '--name',
      'Acme Ltd',
      '--start',
      '2026-01-05',
      '--end',
      '2026-01-30',
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Created engagement ACME (Acme Ltd), 2026-01-05 to 2026-01-30.');
    // The first command that needs the secret key creates it, readable by the owner only.
    expect(fs.statSync(path.join(env.DATA_DIR!, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(cli(env, 'engagement', 'list').stdout).toBe('ACME\tAcme Ltd\t2026-01-05..2026-01-30\n');
    const listed = JSON.parse(cli(env, 'engagement', 'list', '--json').stdout) as Array<{ code: string }>;
    expect(listed.map((e) => e.code)).toEqual(['ACME']);

    const bad = cli(
      env,
      'engagement',
      'create',
      '--code',
      'X',
      '--name',
      'X',
      '--start',
      '2026-01-05',
      '--end',
      '2025-12-31',
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('error: end_date: End date can not be before the start date\n');
  });

  it('answers version and --help for each command', () => {
    expect(cli(env, 'version').stdout).toMatch(/^steppingstones \d+\.\d+\.\d+ \(node v\d+/);
    for (const command of ['serve', 'migrate', 'version', 'backup', 'restore', 'engagement']) {
      const help = cli(env, command, '--help');
      expect(help.code, command).toBe(0);
      expect(help.stdout, command).toContain(`Usage: steppingstones ${command}`);
    }
  });
});

describe('backup and restore (SQLite)', { timeout: 180_000 }, () => {
  let env: Record<string, string>;
  beforeEach(() => {
    env = { DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'ss-backup-')) };
  });
  afterEach(() => fs.rmSync(env.DATA_DIR!, { recursive: true, force: true }));

  it('round-trips: backup, change, restore brings the backed-up state back', () => {
    cli(
      env,
      'engagement',
      'create',
      '--code',
      'KEEP',
      '--name',
      'Kept',
      '--start',
      '2026-01-01',
      '--end',
      '2026-01-02',
    );
    const out = path.join(env.DATA_DIR!, 'backups', 'b1.db');
    const backup = cli(env, 'backup', out);
    expect(backup.stderr).toBe('');
    expect(backup.stdout).toMatch(/Backup written to .*b1\.db \(\d+ bytes\)/);
    expect(cli(env, 'backup', out).stderr).toContain('already exists');

    cli(
      env,
      'engagement',
      'create',
      '--code',
      'LATER',
      '--name',
      'Later',
      '--start',
      '2026-01-01',
      '--end',
      '2026-01-02',
    );
    expect(cli(env, 'engagement', 'list').stdout).toContain('LATER');

    const restored = cli(env, 'restore', out);
    expect(restored.stderr).toBe('');
    expect(restored.stdout).toContain('(1 engagement(s))');
    const list = cli(env, 'engagement', 'list').stdout;
    expect(list).toContain('KEEP');
    expect(list).not.toContain('LATER');
  });

  it('checks the file before replacing anything', () => {
    cli(
      env,
      'engagement',
      'create',
      '--code',
      'SAFE',
      '--name',
      'Safe',
      '--start',
      '2026-01-01',
      '--end',
      '2026-01-02',
    );
    const junk = path.join(env.DATA_DIR!, 'junk.db');
    fs.writeFileSync(junk, 'not a database at all');
    const refused = cli(env, 'restore', junk);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is not a SQLite database');
    expect(cli(env, 'restore', path.join(env.DATA_DIR!, 'missing.db')).stderr).toContain('does not exist');
    expect(cli(env, 'engagement', 'list').stdout).toContain('SAFE');
  });

  it('refuses to restore while the server runs', async () => {
    const out = path.join(env.DATA_DIR!, 'b.db');
    cli(env, 'backup', out);
    const server = spawn(process.execPath, [BIN, 'serve'], {
      env: { ...process.env, ...env, PORT: '0', WORKER: 'off', LOG_LEVEL: 'warn' },
    });
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('server did not start')), 30_000);
        server.stdout.on('data', (d) => {
          if (String(d).includes('listening on')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      const refused = cli(env, 'restore', out);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/Stop the running server \(pid \d+\) before restoring/);
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    expect(cli(env, 'restore', out).code).toBe(0);
  });
});

describe.runIf(testDialects().includes('postgres'))('backup on PostgreSQL', () => {
  it('explains pg_dump instead of copying', async () => {
    const testDb = await createTestDatabase('postgres');
    const result = cli(
      { DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'ss-pg-')), DATABASE_URL: testDb.url },
      'backup',
      '/tmp/never.db',
    );
    await testDb.drop();
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('pg_dump --format=custom');
    expect(fs.existsSync('/tmp/never.db')).toBe(false);
  });
});
