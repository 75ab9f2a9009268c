import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '@steppingstones/core';
import { C2_FIXTURE_FILES, c2TarGz } from '@steppingstones/core/c2/testing';
import { createEngagement } from '@steppingstones/core/engagements';
import { createTestContext, type TestContext } from '@steppingstones/core/testing';
import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = path.join(PROJECT_ROOT, 'apps/cli/bin/steppingstones.js');

describe.each(testDialects())('steppingstones c2 import on %s', { timeout: 240_000 }, (dialect) => {
  let ctx: TestContext;
  let dir: string;
  const cli = (args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, 'c2', 'import', ...args], {
      env: { ...process.env, ...ctx.env, LOG_LEVEL: '' },
      encoding: 'utf8',
      timeout: 90_000,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const opts = (code = 'C2CLI') => ['--adapter', 'cobalt-strike-logs', '--engagement', code, '--json'];

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c2-cli-'));
    for (const code of ['C2CLI', 'C2ONE'])
      await createEngagement(ctx.services(), {
        code,
        name: code,
        start_date: '2026-01-01',
        end_date: '2027-12-31',
      });
  });
  afterAll(async () => {
    await ctx.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports an archive as the cli user: the JSON answer is the only stdout line, exit 1 for the rejected entries', async () => {
    const file = path.join(dir, 'logs.tar.gz');
    fs.writeFileSync(file, await c2TarGz());
    const first = cli([file, ...opts(), '--server', 'ts1']);
    expect(first.code).toBe(1);
    const answer = JSON.parse(first.stdout);
    expect(first.stdout.trim().split('\n')).toHaveLength(1);
    expect(answer).toMatchObject({ sessions: 3, actions: 6, downloads: 2, files: 1, credentials: 1 });
    expect(answer.rejected).toHaveLength(2);
    expect(first.stderr).toContain('beacon_999.log: rejected, the log is empty');
    const again = JSON.parse(cli([file, ...opts(), '--server', 'ts1']).stdout);
    expect(again).toMatchObject({ sessions: 0, actions: 0, downloads: 0, files: 0, credentials: 0 });
    const credential = await ctx.database.db
      .selectFrom('credential')
      .select('created_by_name')
      .executeTakeFirstOrThrow();
    expect(credential.created_by_name).toBe('cli');
  });

  it('exits 0 for a clean single log and 2 when nothing could be imported', async () => {
    const day = path.join(dir, 'logs/270101/10.0.0.9');
    fs.mkdirSync(day, { recursive: true });
    const log = path.join(day, 'ssh_77.log');
    fs.writeFileSync(log, C2_FIXTURE_FILES['logs/270101/10.0.0.9/ssh_77.log'] as string);
    const one = cli([log, ...opts('C2ONE')]);
    expect([one.code, JSON.parse(one.stdout)]).toEqual([
      0,
      { sessions: 1, actions: 1, downloads: 0, files: 0, credentials: 0, rejected: [] },
    ]);
    const empty = path.join(day, 'beacon_5.log');
    fs.writeFileSync(empty, '');
    expect(cli([empty, ...opts('C2ONE')]).code).toBe(2);
    const unknown = cli([log, ...opts('NOPE')]);
    expect([unknown.code, unknown.stdout]).toEqual([2, '']);
    expect(unknown.stderr).toContain('NOPE');
  });
});
