import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifyPassword } from '@steppingstones/core/users';
import { createDb, parseDatabaseUrl } from '@steppingstones/db';
import { createTestDatabase, type TestDatabase, testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/steppingstones.js', import.meta.url));

describe.each(testDialects())('createuser on %s', (dialect) => {
  let database: TestDatabase;
  let dataDir: string;
  let env: Record<string, string>;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-cli-'));
    env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: database.url, LOG_LEVEL: 'silent' } as Record<
      string,
      string
    >;
  });
  afterEach(async () => {
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const run = (args: string[], input: string) =>
    spawnSync(process.execPath, [BIN, ...args], { env, input, encoding: 'utf8', timeout: 60_000 });

  it('creates a superuser on an empty data directory, reading the password from stdin', {
    timeout: 120_000,
  }, async () => {
    const out = run(
      ['createuser', '--username', 'Ops', '--password-stdin', '--superuser'],
      'Quiet-Harbour-Lantern-8\n',
    );
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('Created user Ops (superuser)');

    const db = createDb({ target: parseDatabaseUrl(database.url, process.cwd()) });
    try {
      const user = await db.db.selectFrom('app_user').selectAll().executeTakeFirstOrThrow();
      expect(user.is_superuser).toBe(1);
      expect(await verifyPassword('Quiet-Harbour-Lantern-8', user.password_hash)).toBe(true);
    } finally {
      await db.close();
    }
  });

  // Each run starts a fresh CLI process (tsx compiles on the fly): a few runs, with room on a busy machine.
  it('adds memberships with a role, and explains what is wrong', { timeout: 240_000 }, async () => {
    const weak = run(['createuser', '--username', 'blue', '--password-stdin'], '1234567890\n');
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('password: must not be entirely numeric');

    const badGroup = run(
      ['createuser', '--username', 'blue', '--password-stdin', '--group', 'Blue'],
      'Quiet-Harbour-Lantern-8',
    );
    expect(badGroup.status).toBe(1);
    expect(badGroup.stderr).toContain('No such role: Blue');

    const db = createDb({ target: parseDatabaseUrl(database.url, process.cwd()) });
    try {
      for (const code of ['ACME', 'BETA'])
        await db.db
          .insertInto('engagement')
          .values({
            code,
            name: code,
            description: '',
            start_date: '2026-01-01',
            end_date: '2026-01-31',
            archived: 0,
            created_at: 0,
            updated_at: 0,
          })
          .execute();
    } finally {
      await db.close();
    }
    const ok = run(
      [
        'createuser',
        '--username',
        'blue',
        '--password-stdin',
        '--group',
        'Client Blue Team - Read Only',
        '--engagement',
        'ACME',
      ],
      'Quiet-Harbour-Lantern-8',
    );
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toContain('Created user blue (Client Blue Team - Read Only in ACME)');

    // The role by slug, applied to each engagement given; then the members, changed and removed by the CLI.
    const lead = run(
      [
        'createuser',
        '--username',
        'lena',
        '--password-stdin',
        '--engagement',
        'ACME',
        '--engagement',
        'BETA',
        '--role',
        'lead',
      ],
      'Quiet-Harbour-Lantern-8',
    );
    expect(lead.stdout).toContain('Created user lena (Engagement Lead in ACME, BETA)');
    const beta = run(['engagement', 'members', 'BETA'], '');
    expect(beta.stdout, beta.stderr).toBe('lena\tlead\tEngagement Lead\n');
    const added = run(['engagement', 'add-member', 'ACME', 'blue', '--role', 'blue-limited-write'], '');
    expect(added.stdout).toBe('blue is now Client Blue Team - Limited Write (blue-limited-write) in ACME.\n');
    expect(run(['engagement', 'add-member', 'ACME', 'blue', '--role', 'owner'], '').stderr).toContain(
      'No such role: owner',
    );
    expect(run(['engagement', 'remove-member', 'ACME', 'lena'], '').stdout).toBe('Removed lena from ACME.\n');
    const members = run(['engagement', 'members', 'ACME'], '');
    expect(members.stdout).toBe('blue\tblue-limited-write\tClient Blue Team - Limited Write\n');
  });
});
