import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '@steppingstones/core';
import { createEngagement } from '@steppingstones/core/engagements';
import { createEvent, patchEvent } from '@steppingstones/core/events';
import { systemPrincipal } from '@steppingstones/core/permissions';
import { createTestContext, insertTestUser, type TestContext } from '@steppingstones/core/testing';
import { testDialects } from '@steppingstones/db/testing';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const BIN = path.join(PROJECT_ROOT, 'apps/cli/bin/steppingstones.js');

describe.each(testDialects())('steppingstones history on %s', { timeout: 180_000 }, (dialect) => {
  let ctx: TestContext;
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, 'history', ...args], {
      env: { ...process.env, ...ctx.env, LOG_LEVEL: '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  beforeEach(async () => {
    ctx = await createTestContext(dialect);
    const chain = await createEngagement(ctx.services(), {
      code: 'CHAIN',
      name: 'Chain',
      start_date: '2026-01-01',
      end_date: '2026-12-31',
    });
    const other = await createEngagement(ctx.services(), {
      code: 'OTHER',
      name: 'Other',
      start_date: '2026-01-01',
      end_date: '2026-12-31',
    });
    const userId = await insertTestUser(ctx.database.db, 'op');
    await ctx.database.db
      .insertInto('engagement_member')
      .values(
        [chain, other].map((e) => ({
          engagement_id: e.id,
          user_id: userId,
          role: 'operator',
          created_at: Date.now(),
        })),
      )
      .execute();
    const system = systemPrincipal();
    const event = await createEvent(ctx.services(), system, {
      engagement: 'CHAIN',
      operator: 'op',
      timestamp: '2026-05-04T10:00:00Z',
      source: { host: 'WS1' },
      target: { host: 'DC1' },
      description: 'Kerberoasted svc_sql',
    });
    await patchEvent(ctx.services(), system, event.id, { detected: 'PAR' });
    await createEvent(ctx.services(), system, {
      engagement: 'OTHER',
      operator: 'op',
      timestamp: '2026-05-04T11:00:00Z',
      source: { host: 'WS2' },
      target: { host: 'FS1' },
      description: 'Copied a share',
    });
  });
  afterEach(() => ctx.dispose());

  it('proves an intact history, then names the record altered in the database and exits non-zero', async () => {
    const intact = cli('verify');
    expect(intact.stderr).toBe('');
    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain('CHAIN: 2 revision(s), 1 event(s) checked, head at revision 2');
    expect(intact.stdout).toContain('History intact.');

    await sql`update event set description = 'Nothing to see' where description = 'Copied a share'`.execute(
      ctx.database.db,
    );
    const altered = cli('verify');
    expect(altered.code).toBe(1);
    expect(altered.stderr).toMatch(/ALTERED: Engagement OTHER: event \d+ differs from its latest revision/);
    // Scoped to the untouched engagement, it still passes.
    expect(cli('verify', '--engagement', 'CHAIN').code).toBe(0);
  });

  it('writes a signed checkpoint that verify later checks', async () => {
    const file = path.join(ctx.env.DATA_DIR!, 'chain.checkpoint.json');
    const written = cli('checkpoint', '--engagement', 'CHAIN', '--out', file);
    expect(written.stdout).toContain('Checkpoint of CHAIN at revision 2 written to');
    const checkpoint = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(checkpoint).toMatchObject({
      engagement: 'CHAIN',
      head_seq: 2,
      format: 'steppingstones-history-checkpoint/1',
    });

    expect(cli('verify', '--checkpoint', file).stdout).toContain(
      'Checkpoint: The history of CHAIN still holds revision 2',
    );
    fs.writeFileSync(file, JSON.stringify({ ...checkpoint, head_hash: 'a'.repeat(64) }));
    const forged = cli('verify', '--checkpoint', file);
    expect(forged.code).toBe(1);
    expect(forged.stderr).toContain('signature does not match');
    expect(cli('checkpoint', '--engagement', 'NOPE').stderr).toContain('No engagement has the code "NOPE"');
  });
});
