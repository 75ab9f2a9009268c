import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '@steppingstones/core';
import { createEngagement } from '@steppingstones/core/engagements';
import { systemPrincipal } from '@steppingstones/core/permissions';
import { createTestContext, type TestContext } from '@steppingstones/core/testing';
import { createUser } from '@steppingstones/core/users';
import { testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const BIN = path.join(PROJECT_ROOT, 'apps/cli/bin/steppingstones.js');

const CSV = [
  'Timestamp (UTC),Description,Source Host,Target Host,Tags',
  '2026-05-04T10:00:00Z,Beacon from the CLI,WS1,DC1,cli',
  'yesterday,Not a time,WS1,DC1,',
].join('\n');

describe.each(testDialects())('steppingstones events import on %s', { timeout: 180_000 }, (dialect) => {
  let ctx: TestContext;
  const cli = (args: string[], input = '') => {
    const r = spawnSync(process.execPath, [BIN, 'events', 'import', ...args], {
      env: { ...process.env, ...ctx.env, LOG_LEVEL: '' },
      input,
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  beforeEach(async () => {
    ctx = await createTestContext(dialect);
    await createEngagement(ctx.services(), {
      code: 'CLI',
      name: 'CLI import',
      start_date: '2026-01-01',
      end_date: '2026-12-31',
    });
    for (const [username, group] of [
      ['op', 'operator'],
      ['blue', 'blue-read-only'],
    ] as const)
      await createUser(
        ctx.services(),
        { username, password: 'Quiet-Harbour-Lantern-8', memberships: [{ engagement: 'CLI', role: group }] },
        null,
        systemPrincipal(),
      );
  });
  afterEach(() => ctx.dispose());

  it('adds the valid rows as the named user, reports the rejected line and exits 1; the outbox carries it for live grids', async () => {
    const file = path.join(ctx.env.DATA_DIR!, 'events.csv');
    fs.writeFileSync(file, CSV);
    const out = cli(['--engagement', 'CLI', '--as', 'op', file]);
    expect(out.stdout).toContain('CLI: 1 event(s) added, 0 skipped, 1 rejected.');
    expect(out.stderr).toMatch(/line 3: rejected, timestamp: /);
    expect(out.code).toBe(1);

    const db = ctx.database.db;
    const event = await db
      .selectFrom('event')
      .innerJoin('app_user', 'app_user.id', 'event.created_by')
      .select(['event.id', 'event.description', 'app_user.username'])
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ description: 'Beacon from the CLI', username: 'op' });
    const outbox = await db.selectFrom('domain_event').select(['type', 'payload']).execute();
    expect(outbox.map((m) => m.type)).toContain('event.created');

    // The same file again: nothing doubles (stdin this time).
    const again = cli(['--engagement', 'CLI', '--as', 'op'], CSV);
    expect(again.stdout).toContain('CLI: 0 event(s) added, 1 skipped, 1 rejected.');
    expect(again.stdout).toMatch(/line 2: skipped, the same event already exists/);
  });

  it('refuses a user without event.add, and an unknown user, writing nothing', async () => {
    const blue = cli(['--engagement', 'CLI', '--as', 'blue'], CSV);
    expect(blue.code).toBe(1);
    expect(blue.stderr).toContain('event.add');
    const ghost = cli(['--engagement', 'CLI', '--as', 'ghost'], CSV);
    expect(ghost.code).toBe(1);
    expect(ghost.stderr).toContain('error: --as: No active user "ghost".');
    const count = await ctx.database.db
      .selectFrom('event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });
});
