import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getJobRow, insertJob } from '@steppingstones/core/jobs';
import { createTestContext, type TestContext } from '@steppingstones/core/testing';
import { testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type RunningWorker, startWorker } from './main.ts';
import { readRuns, testResolver } from './testing/test-tasks.ts';
import { FAST, startTestWorker, waitFor } from './testing/worker-harness.ts';

// Task threads load TypeScript on start; on a busy machine that takes a while.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });

const fixture = fileURLToPath(new URL('./testing/worker-process.fixture.ts', import.meta.url));

function spawnWorkerProcess(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', fixture], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

describe.each(testDialects())('recovery and scale-out on %s', (dialect) => {
  let ctx: TestContext;
  let log: string;
  const workers: RunningWorker[] = [];
  const children: ChildProcess[] = [];

  beforeEach(async () => {
    ctx = await createTestContext(dialect);
    log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ss-runs-')), 'runs.log');
  });
  afterEach(async () => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
    await Promise.all(workers.splice(0).map((w) => w.stop(200)));
    await ctx.dispose();
  });

  it('runs the job of a worker killed with SIGKILL again after its lease expires', async () => {
    const id = await insertJob(ctx.services(), {
      task: 'test-plugin:record',
      payload: { log, sleepMs: 60_000, sleepAttempts: 1 },
      maxAttempts: 3,
    });
    const child = spawnWorkerProcess(ctx.env);
    children.push(child);
    await waitFor(() => readRuns(log).length > 0, 'the job to start in the child worker', 150_000);
    const running = await getJobRow(ctx.database.db, id);
    expect(running.status).toBe('running');
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    workers.push(await startTestWorker(ctx, testResolver()));
    const row = await waitFor(async () => {
      const r = await getJobRow(ctx.database.db, id);
      return r.status === 'succeeded' ? r : undefined;
    }, 'the job to run again');
    expect(row.attempts).toBe(2);
    expect(row.lease_owner).toBeNull();
    // The killed run never finished; the second one did, once.
    expect(readRuns(log).map((r) => `${r.attempt} ${r.what}`)).toEqual(['1 start', '2 ok']);
  }, 120_000);

  // SKIP LOCKED claiming by several workers is a PostgreSQL deployment: the test exists only there.
  (dialect === 'postgres' ? it : () => undefined)(
    'two workers run 1,000 jobs with no job run twice',
    async () => {
      const now = ctx.clock.now();
      const rows = Array.from({ length: 1000 }, () => ({
        task: 'test-plugin:record',
        payload: JSON.stringify({ log }),
        status: 'queued' as const,
        run_at: now,
        attempts: 0,
        max_attempts: 3,
        repeat_seconds: 0,
        anchor_at: now,
        created_at: now,
        updated_at: now,
      }));
      await ctx.database.db.insertInto('job').values(rows).execute();
      // A long lease: on a loaded machine a stalled heartbeat must not hand jobs over (that is recovery, tested above).
      const options = {
        ...FAST,
        concurrency: 3,
        leaseMs: 60_000,
        heartbeatMs: 2000,
        resolver: testResolver(),
      };
      workers.push(await startWorker(ctx.env, options), await startWorker(ctx.env, options));
      await waitFor(
        async () => {
          const left = await ctx.database.db
            .selectFrom('job')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('status', '!=', 'succeeded')
            .executeTakeFirstOrThrow();
          return Number(left.n) === 0;
        },
        'every job to succeed',
        360_000,
      );
      const runs = readRuns(log);
      expect(runs).toHaveLength(1000);
      expect(new Set(runs.map((r) => r.id)).size).toBe(1000);
    },
    420_000,
  );
});
