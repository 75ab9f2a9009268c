import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '@steppingstones/core';
import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestEngagement,
  createTestUser,
  obtainTokens,
  startTestServer,
  type TestServer,
} from '../../../server/src/testing/test-server.ts';

const BIN = path.join(PROJECT_ROOT, 'apps/cli/bin/steppingstones.js');

describe.each(testDialects())('steppingstones c2 follow --url on %s', { timeout: 240_000 }, (dialect) => {
  let server: TestServer;
  let dir: string;
  let tokenFile: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createTestEngagement(server.ctx, 'FOLLOW');
    await createTestUser(server.ctx, { username: 'red', role: 'operator', engagements: ['FOLLOW'] });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c2-follow-cli-'));
    tokenFile = path.join(dir, 'token');
    fs.writeFileSync(tokenFile, (await obtainTokens(server.url, 'red')).access, { mode: 0o600 });
  });
  afterAll(async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // Not spawnSync: the hub runs in this process and must answer while the command waits.
  const follow = () =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        [
          BIN,
          'c2',
          'follow',
          path.join(dir, 'logs'),
          '--engagement',
          'FOLLOW',
          '--server',
          'ts1',
          '--url',
          server.url,
          '--token-file',
          tokenFile,
          '--once',
        ],
        { env: { ...process.env, LOG_LEVEL: '' }, encoding: 'utf8', timeout: 90_000 },
        (_error, _stdout, stderr) => resolve({ code: child.exitCode, stderr }),
      );
    });
  const logFile = () => path.join(dir, 'logs/261231/10.0.0.5/beacon_42.log');
  const count = async (table: 'c2_session' | 'c2_action') =>
    Number(
      (
        await server.ctx.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('sends what is complete to the hub, then only what is new', async () => {
    const log = logFile();
    fs.mkdirSync(path.dirname(log), { recursive: true });
    fs.writeFileSync(
      log,
      [
        '12/31 10:00:00 UTC [metadata] 198.51.100.1 <- 10.0.0.5; computer: WS42; user: bob; process: x.exe; pid: 7',
        '12/31 10:00:10 UTC [input] <neo> pwd',
        '12/31 10:00:12 UTC [output]',
        'C:\\',
        '12/31 10:01:00 UTC [input] <neo> ls',
        '',
      ].join('\n'),
    );
    const first = await follow();
    expect([first.code, first.stderr]).toEqual([0, expect.stringContaining('1 session(s), 1 action(s)')]);
    expect(fs.readdirSync(path.join(dir, 'logs')).some((f) => f.startsWith('.steppingstones-follow'))).toBe(
      true,
    );
    fs.appendFileSync(log, '12/31 10:02:00 UTC [input] <neo> whoami\n');
    expect((await follow()).code).toBe(0);
    expect((await follow()).code).toBe(0);
    expect([await count('c2_session'), await count('c2_action')]).toEqual([1, 2]);
    const server1 = await server.ctx.database.db
      .selectFrom('c2_server')
      .select('follower_batch_at')
      .executeTakeFirstOrThrow();
    expect(server1.follower_batch_at).not.toBeNull();
  });
});
