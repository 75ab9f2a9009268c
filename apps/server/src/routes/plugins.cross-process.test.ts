import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PLUGIN_STATE_TTL_MS } from '@steppingstones/core/plugins';
import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, createTestUser, login, startTestServer, type TestServer } from '../testing/index.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../../../..');
const FAULTY = path.join(ROOT, 'packages/core/src/plugins/testing/fixture-plugins/faulty.ts');

describe.each(testDialects())('enabling and disabling from another process on %s', (dialect) => {
  let server: TestServer;
  let op: ApiClient;
  let env: NodeJS.ProcessEnv;
  const keys = async () =>
    (
      await op.get<{ results: Array<{ key: string }> }>('/api/v1/plugin-points/?type=event-report')
    ).body.results.map((r) => r.key);
  /** Polls the running server until `done` or one second has passed; returns the last answer. */
  async function withinOneSecond(done: (k: string[]) => boolean): Promise<string[]> {
    const deadline = Date.now() + 1000;
    let k = await keys();
    while (!done(k) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      k = await keys();
    }
    return k;
  }

  beforeAll(async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ss-plugins-')), 'list.json');
    fs.writeFileSync(file, JSON.stringify({ plugins: [FAULTY] }));
    process.env.STEPPINGSTONES_PLUGINS_FILE = file;
    server = await startTestServer(dialect);
    await createTestUser(server.ctx, { username: 'op', groups: ['Red Team Operators'] });
    op = await login(server.url, 'op');
    env = { ...process.env, ...server.ctx.env, STEPPINGSTONES_PLUGINS_FILE: file };
  });
  afterAll(async () => {
    delete process.env.STEPPINGSTONES_PLUGINS_FILE;
    await server.stop();
  });

  it('a point disabled by the CLI disappears from the running server within a second, and comes back', async () => {
    expect(PLUGIN_STATE_TTL_MS).toBeLessThan(1000);
    expect(await keys()).toContain('notes');
    const cli = path.join(ROOT, 'apps/cli/bin/steppingstones.js');
    const off = await run(process.execPath, [cli, 'plugins', 'disable', 'test-faults:notes'], {
      env,
      cwd: ROOT,
    });
    expect(off.stdout).toContain('Disabled test-faults:notes');
    expect(await withinOneSecond((k) => !k.includes('notes'))).not.toContain('notes');

    await run(process.execPath, [cli, 'plugins', 'enable', 'test-faults:notes'], { env, cwd: ROOT });
    expect(await withinOneSecond((k) => k.includes('notes'))).toContain('notes');
    // Two CLI start-ups (TypeScript compiled on the fly) on a busy machine.
  }, 240_000);
});
