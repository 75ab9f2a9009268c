import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '@steppingstones/core';
import { getJobRow, insertJob } from '@steppingstones/core/jobs';
import { createDb, type Database, parseDatabaseUrl } from '@steppingstones/db';
import { createTestDatabase, type TestDatabase, testDialects } from '@steppingstones/db/testing';
import { waitFor } from '@steppingstones/worker/testing/worker-harness';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const BIN = path.join(PROJECT_ROOT, 'apps/cli/bin/steppingstones.js');
const TICKER = path.join(PROJECT_ROOT, 'packages/core/src/plugins/testing/fixture-plugins/ticker.ts');
const execFileAsync = promisify(execFile);

/**
 * Issue 6: a toggle "takes effect in every running server and worker within a second". The worker
 * learns of it within a second and finishes at most the run it already started (one run period), so a
 * task must have stopped SETTLE_MS after the command returns, and then stay quiet for QUIET_MS. Both
 * are generous on purpose: a loaded machine must not make the test fail, only a worker that runs on.
 */
const SETTLE_MS = 5000;
const QUIET_MS = 3000;

// Every command starts Node and compiles TypeScript on the fly: slow on a busy machine.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 120_000 });

// The real `steppingstones worker` process runs the ticker plugin's tasks (every second, each run
// appends `<key> <ms>` to a file); the real `steppingstones plugins` command, another process, turns
// them off and on. The worker is never restarted.
describe.each(testDialects())('a running worker follows plugins enable / disable on %s', (dialect) => {
  let database: TestDatabase;
  let dataDir: string;
  let runLog: string;
  let env: NodeJS.ProcessEnv;
  let worker: ChildProcess;
  /** The test's own connection, for queueing a job as a plugin or an admin would. */
  let connection: Database;

  /** Run times (epoch ms) of the ticker's task `key`, as the task recorded them. */
  const runs = (key: string): number[] =>
    (fs.existsSync(runLog) ? fs.readFileSync(runLog, 'utf8') : '')
      .split('\n')
      .filter((line) => line.startsWith(`${key} `))
      .map((line) => Number(line.slice(key.length + 1)));
  const runsAfter = (key: string, ms: number) => runs(key).filter((at) => at > ms).length;

  /** Runs `steppingstones plugins ...` to completion; returns its output and when it returned. */
  async function plugins(...args: string[]): Promise<{ stdout: string; doneAt: number }> {
    const { stdout } = await execFileAsync(process.execPath, [BIN, 'plugins', ...args], {
      env,
      timeout: 120_000,
    });
    return { stdout, doneAt: Date.now() };
  }

  /** The task has run twice since `since` (once could be a run that had already begun). */
  const runsResume = (key: string, since: number) =>
    waitFor(() => runsAfter(key, since) >= 2, `${key} to run again`, 120_000);

  /** Nothing of `key` ran from SETTLE_MS after `doneAt` for QUIET_MS; returns when the window closed. */
  async function expectStopped(key: string, doneAt: number): Promise<number> {
    await sleep(doneAt + SETTLE_MS + QUIET_MS - Date.now());
    expect(runsAfter(key, doneAt + SETTLE_MS), `${key} runs while disabled`).toBe(0);
    return doneAt + SETTLE_MS;
  }

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-worker-toggle-'));
    runLog = path.join(dataDir, 'runs.log');
    const listFile = path.join(dataDir, 'steppingstones.plugins.json');
    fs.writeFileSync(listFile, JSON.stringify({ plugins: [{ package: TICKER, config: { runLog } }] }));
    env = {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      STEPPINGSTONES_PLUGINS_FILE: listFile,
      LOG_LEVEL: 'silent',
    };
    connection = createDb({ target: parseDatabaseUrl(database.url, process.cwd()) });
    // Records the plugin and its points, so they can be disabled (the worker does not sync).
    expect((await plugins('sync')).stdout).toContain('plugin test-ticker 1.0.0 ok');
    worker = spawn(process.execPath, [BIN, 'worker'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    // Proves the set-up: the worker runs both tasks, repeatedly.
    await runsResume('tick', 0);
    await runsResume('tock', 0);
  });
  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.kill('SIGTERM');
      await Promise.race([exited, sleep(30_000)]);
      if (worker.exitCode === null) worker.kill('SIGKILL');
    }
    await connection?.close();
    await database?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops every task of a disabled plugin and runs them again once it is enabled', async () => {
    const off = await plugins('disable', 'test-ticker');
    expect(off.stdout).toContain('Disabled test-ticker');
    await expectStopped('tick', off.doneAt);
    await expectStopped('tock', off.doneAt);
    expect(worker.exitCode, 'the worker is still running').toBeNull();

    const on = await plugins('enable', 'test-ticker');
    expect(on.stdout).toContain('Enabled test-ticker');
    await runsResume('tick', on.doneAt);
    await runsResume('tock', on.doneAt);
    expect(worker.exitCode).toBeNull();
  });

  it('stops one disabled task while the plugin’s other task runs on; its queued job waits; enabled, both run', async () => {
    const off = await plugins('disable', 'test-ticker:tick');
    expect(off.stdout).toContain('Disabled test-ticker:tick');
    const quietFrom = await expectStopped('tick', off.doneAt);
    // A one-off run of the disabled task, queued now (as a plugin's ctx.jobs.enqueue would), due at once.
    const queuedAt = Date.now();
    const oneOff = await insertJob(connection.db, { task: 'test-ticker:tick', payload: {}, maxAttempts: 3 });
    // The worker kept claiming meanwhile: the other task of the same plugin ran twice since.
    await waitFor(() => runsAfter('tock', queuedAt) >= 2, 'tock to run while tick is disabled', 120_000);
    expect(runsAfter('tick', quietFrom), 'tick runs while disabled').toBe(0);
    // It waits for the task to be enabled, as a disabled plugin's jobs do; it is not used up unrun.
    expect((await getJobRow(connection.db, oneOff)).status).toBe('queued');

    const on = await plugins('enable', 'test-ticker:tick');
    expect(on.stdout).toContain('Enabled test-ticker:tick');
    await runsResume('tick', on.doneAt);
    await waitFor(
      async () => (await getJobRow(connection.db, oneOff)).status === 'succeeded',
      'the queued one-off job to run',
      120_000,
    );
    expect(worker.exitCode).toBeNull();
  });
});
