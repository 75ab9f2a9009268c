import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PLUGIN_STATE_TTL_MS } from '@steppingstones/core/plugins';
import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type ApiClient,
  createTestEngagement,
  createTestUser,
  login,
  startTestServer,
  type TestServer,
} from '../testing/index.ts';

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
  /**
   * Asks the running server until its menu shows the change. How soon it does is PluginState's
   * contract (its copy of the flags lives PLUGIN_STATE_TTL_MS, tested with a clock of its own); here
   * the point is that a change made by another process reaches this one at all, without a restart.
   */
  const menuOnceItShows = (done: (k: string[]) => boolean) =>
    vi.waitFor(
      async () => {
        const k = await keys();
        if (!done(k)) throw new Error(`the running server still lists ${k.join(', ')}`);
        return k;
      },
      { timeout: 60_000, interval: 50 },
    );

  beforeAll(async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ss-plugins-')), 'list.json');
    fs.writeFileSync(file, JSON.stringify({ plugins: [FAULTY] }));
    process.env.STEPPINGSTONES_PLUGINS_FILE = file;
    server = await startTestServer(dialect);
    // The menu lists what the caller may use in some engagement, so the operator is a member of one.
    await createTestEngagement(server.ctx, 'TEST-1');
    await createTestUser(server.ctx, { username: 'op', role: 'operator', engagements: ['TEST-1'] });
    op = await login(server.url, 'op');
    env = { ...process.env, ...server.ctx.env, STEPPINGSTONES_PLUGINS_FILE: file };
  });
  afterAll(async () => {
    delete process.env.STEPPINGSTONES_PLUGINS_FILE;
    await server.stop();
  });

  it('a point disabled by the CLI disappears from the running server, and comes back', async () => {
    // Each process trusts its copy of the flags for less than a second.
    expect(PLUGIN_STATE_TTL_MS).toBeLessThan(1000);
    expect(await keys()).toContain('notes');
    const cli = path.join(ROOT, 'apps/cli/bin/steppingstones.js');
    const off = await run(process.execPath, [cli, 'plugins', 'disable', 'test-faults:notes'], {
      env,
      cwd: ROOT,
    });
    expect(off.stdout).toContain('Disabled test-faults:notes');
    expect(await menuOnceItShows((k) => !k.includes('notes'))).not.toContain('notes');

    await run(process.execPath, [cli, 'plugins', 'enable', 'test-faults:notes'], { env, cwd: ROOT });
    expect(await menuOnceItShows((k) => k.includes('notes'))).toContain('notes');
    // Two CLI start-ups (TypeScript compiled on the fly) on a busy machine.
  }, 240_000);
});
