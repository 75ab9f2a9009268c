import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '@steppingstones/core';
import { createEvent } from '@steppingstones/core/events';
import type { Principal } from '@steppingstones/core/permissions';
import { arrangeOperator, createTestContext, type TestContext } from '@steppingstones/core/testing';
import { testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const BIN = path.join(PROJECT_ROOT, 'apps/cli/bin/steppingstones.js');
const LM0 = 'aad3b435b51404eeaad3b435b51404ee';
const NT = '8846f7eaee8fb117ad06bdd830b7586c';

describe.each(testDialects())('steppingstones credentials extract on %s', { timeout: 180_000 }, (dialect) => {
  let ctx: TestContext;
  let op: Principal;
  const cli = (args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, 'credentials', 'extract', ...args], {
      env: { ...process.env, ...ctx.env, LOG_LEVEL: '' },
      encoding: 'utf8',
      timeout: 90_000,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  beforeEach(async () => {
    ctx = await createTestContext(dialect);
    ({ principal: op } = await arrangeOperator(ctx.services(), ['CLI']));
  });
  afterEach(() => ctx.dispose());

  it('fills the vault from events saved earlier, prints the counts; a second run adds nothing', async () => {
    const event = await createEvent(ctx.services(), op, {
      engagement: 'CLI',
      timestamp: '2026-03-02T14:02:09Z',
      source: { host: 'WS01' },
      target: { host: 'DC01' },
      description: 'DCSync',
      raw_evidence: `CORP\\bob:1104:${LM0}:${NT}:::`,
    });
    const first = cli(['--engagement', 'CLI', '--json']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ events: 1, eventsWithCredentials: 1, newHashes: 1 });
    const rows = await ctx.database.db
      .selectFrom('credential')
      .select(['account', 'hash', 'event_id'])
      .execute();
    expect(rows).toEqual([{ account: 'bob', hash: NT, event_id: event.id }]);

    const second = cli(['--engagement', 'CLI']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('CLI: 1 event(s) read, 1 with credentials: 0 new hash(es)');
    expect(second.stdout).toContain('1 already in the vault');
  });

  it('names an unknown engagement and exits 1', () => {
    const out = cli(['--engagement', 'NOPE']);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/engagement/i);
    expect(out.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});
