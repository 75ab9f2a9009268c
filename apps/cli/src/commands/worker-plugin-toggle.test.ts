import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { PROJECT_ROOT, systemClock } from '@steppingstones/core';
import { getJobRow, insertJob } from '@steppingstones/core/jobs';
import { createDb, type Database, parseDatabaseUrl } from '@steppingstones/db';
import { createTestDatabase, type TestDatabase, testDialects } from '@steppingstones/db/testing';
import { waitFor } from '@steppingstones/worker/testing/worker-harness';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const BIN = path.join(PROJECT_ROOT, 'apps/cli/bin/steppingstones.js');
const TICKER = path.join(PROJECT_ROOT, 'packages/core/src/plugins/testing/fixture-plugins/ticker.ts');
const execFileAsync = promisify(execFile);

/**
 * A toggle takes effect in every running worker without a restart. The proof is the job table, not a
 * quiet period: once a disabled task's jobs are queued and due, a probe job queued after them (claims
 * go in due order) runs while they stay queued, so the worker passed them over.
 */
const PROBE_TASK = 'core:jobs.prune';

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

  /** The jobs of these tasks: status, attempts and due time. */
  const jobsOf = async (tasks: string[]) =>
    (
      await connection.db
        .selectFrom('job')
        .select(['id', 'status', 'attempts', 'run_at'])
        .where('task', 'in', tasks)
        .orderBy('id')
        .execute()
    ).map((j) => `${j.id}:${j.status}:${j.attempts}:${j.run_at}`);
  const allQueuedAndDue = async (tasks: string[]) => {
    const jobs = await connection.db
      .selectFrom('job')
      .select(['status', 'run_at'])
      .where('task', 'in', tasks)
      .execute();
    return jobs.length > 0 && jobs.every((j) => j.status === 'queued' && Number(j.run_at) <= Date.now());
  };

  /** The worker is another process on real time: jobs queued here are stamped with the same clock. */
  const queue = () => ({ db: connection.db, clock: systemClock });

  /** Queues a job due now, after every job already due, and waits until the worker has run it. */
  async function runProbe(): Promise<void> {
    const probe = await insertJob(queue(), { task: PROBE_TASK, payload: {}, maxAttempts: 1 });
    await waitFor(
      async () => (await getJobRow(connection.db, probe)).status === 'succeeded',
      'the probe job to run',
      120_000,
    );
  }

  /**
   * The worker passes over every job of `tasks` while running others. A run begun before the toggle
   * may still finish (the worker learns of it within PLUGIN_STATE_TTL_MS), so it first waits for the
   * state to settle; then a second probe must leave those jobs exactly as they were.
   */
  async function expectPaused(tasks: string[]): Promise<void> {
    await waitFor(
      async () => {
        if (!(await allQueuedAndDue(tasks))) return false;
        const before = await jobsOf(tasks);
        await runProbe();
        return JSON.stringify(await jobsOf(tasks)) === JSON.stringify(before);
      },
      `the worker to pass over ${tasks.join(', ')}`,
      120_000,
    );
    const before = await jobsOf(tasks);
    await runProbe();
    expect(await jobsOf(tasks), `${tasks.join(', ')} ran while disabled`).toEqual(before);
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
    await expectPaused(['test-ticker:tick', 'test-ticker:tock']);
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
    await expectPaused(['test-ticker:tick']);
    const tickJobs = await jobsOf(['test-ticker:tick']);
    // A one-off run of the disabled task, queued now (as a plugin's ctx.jobs.enqueue would), due at once.
    const queuedAt = Date.now();
    const oneOff = await insertJob(queue(), { task: 'test-ticker:tick', payload: {}, maxAttempts: 3 });
    // The worker kept claiming meanwhile: the other task of the same plugin ran twice since.
    await waitFor(() => runsAfter('tock', queuedAt) >= 2, 'tock to run while tick is disabled', 120_000);
    expect((await jobsOf(['test-ticker:tick'])).slice(0, tickJobs.length), 'tick ran while disabled').toEqual(
      tickJobs,
    );
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
