import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getJobRow, insertJob } from '@steppingstones/core/jobs';
import { createTestContext, type TestContext } from '@steppingstones/core/testing';
import { testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunningWorker } from './main.ts';
import { readRuns, testResolver, testTaskDefinitions } from './testing/test-tasks.ts';
import { startTestWorker, waitFor } from './testing/worker-harness.ts';

// Task threads load TypeScript on start; on a busy machine that takes a while.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });

// Tests that need a worker of their own (options, plugin state, shutdown).
describe.each(testDialects())('the worker lifecycle on %s', (dialect) => {
  let ctx: TestContext;
  let worker: RunningWorker | undefined;
  let log: string;

  beforeEach(async () => {
    ctx = await createTestContext(dialect);
    log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ss-runs-')), 'runs.log');
  });
  afterEach(async () => {
    await worker?.stop(200);
    worker = undefined;
    await ctx.dispose();
  });

  const enqueue = (task: string, payload: Record<string, unknown>) =>
    insertJob(ctx.services(), { task, payload: { log, ...payload }, maxAttempts: 3 });
  const job = (id: number) => getJobRow(ctx.database.db, id);

  it('waits the back-off before retrying', async () => {
    const id = await enqueue('test-plugin:record', { failAttempts: 1 });
    worker = await startTestWorker(ctx, testResolver(), {
      backoff: { baseMs: 3_600_000, capMs: 7_200_000 },
    });
    const row = await waitFor(async () => {
      const r = await job(id);
      return r.status === 'queued' && r.attempts === 1 ? r : undefined;
    }, 'the first failure');
    expect(row.run_at - row.updated_at).toBeGreaterThanOrEqual(3_600_000);
    expect(row.last_error).toBe('planned failure on attempt 1');
  });

  it('pauses the jobs of a disabled plugin and resumes them when it is enabled', async () => {
    let disabled = ['test-plugin'];
    const base = testResolver();
    const other = {
      ...base.resolve('test-plugin:record')!,
      name: 'other-plugin:record',
      pluginId: 'other-plugin',
    };
    const paused = await enqueue('test-plugin:record', {});
    const unaffected = await enqueue('other-plugin:record', {});
    worker = await startTestWorker(ctx, {
      resolve: (name) => (name === other.name ? other : base.resolve(name)),
      list: () => [],
      disabledPluginIds: async () => disabled,
    });
    await waitFor(async () => (await job(unaffected)).status === 'succeeded', 'the other plugin job to run');
    expect((await job(paused)).status).toBe('queued');
    disabled = [];
    await waitFor(async () => (await job(paused)).status === 'succeeded', 'the resumed job');
    expect(readRuns(log).map((r) => r.id)).toEqual([unaffected, paused]);
  });

  it('keeps the lease of a task that blocks its thread for longer than the lease (the heartbeat runs on the main thread)', async () => {
    // The task blocks its thread for 2.5 leases, well within its timeout. A second worker is ready to
    // take the job over the moment its lease lapses; the job must still run once, on its first attempt.
    const id = await enqueue('test-plugin:block', { failAttempts: 1, blockMs: 10_000 });
    const resolver = testResolver({ definitions: testTaskDefinitions({ timeoutMs: 120_000 }) });
    const options = { leaseMs: 4000, heartbeatMs: 250 };
    worker = await startTestWorker(ctx, resolver, options);
    await waitFor(() => readRuns(log).length > 0, 'the job to start');
    const other = await startTestWorker(ctx, resolver, options);
    try {
      const row = await waitFor(async () => {
        const r = await job(id);
        return r.status === 'succeeded' ? r : undefined;
      }, 'the job to finish');
      expect(row.attempts).toBe(1);
      expect(readRuns(log).map((r) => `${r.attempt} ${r.what}`)).toEqual(['1 start', '1 ok']);
    } finally {
      await other.stop(200);
    }
  });

  it('finishes the running job on a graceful stop', async () => {
    const id = await enqueue('test-plugin:record', { sleepMs: 300 });
    worker = await startTestWorker(ctx, testResolver());
    await waitFor(() => readRuns(log).length > 0, 'the job to start');
    await worker.stop(10_000);
    worker = undefined;
    expect((await job(id)).status).toBe('succeeded');
  });

  it('releases a job that outlasts the shutdown grace period, its attempt uncounted', async () => {
    const id = await enqueue('test-plugin:record', { sleepMs: 60_000 });
    worker = await startTestWorker(ctx, testResolver());
    await waitFor(() => readRuns(log).length > 0, 'the job to start');
    await worker.stop(100);
    worker = undefined;
    const row = await job(id);
    expect(row.status).toBe('queued');
    expect(row.attempts).toBe(0);
    expect(row.lease_owner).toBeNull();
  });
});
