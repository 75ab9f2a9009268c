import { testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.ts';
import { createTestContext, type TestContext } from '../testing/index.ts';
import { claimJobs, LOST_LEASE_MESSAGE } from './job.lease.ts';
import { completeJob, failJob, pruneFinishedJobs } from './job.outcome.ts';
import { getJobRow } from './job.queries.ts';
import { insertJob } from './job.service.ts';
import { backoffMs, nextAnchoredRun } from './job-timing.ts';

const backoff = { baseMs: 1000, capMs: 4000 };

describe.each(testDialects())('job outcomes on %s', (dialect) => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await createTestContext(dialect);
  });
  afterEach(async () => {
    await ctx.dispose();
  });

  const claim = (owner: string, leaseMs = 60_000) => claimJobs(ctx.services(), { owner, leaseMs, limit: 10 });
  const due = (id: number) =>
    ctx.database.db.updateTable('job').set({ run_at: 0 }).where('id', '=', id).execute();

  it('never lets a repeating job die of its failures, and retries it no later than its next slot', async () => {
    const id = await insertJob(ctx.services(), { task: 'p:sync', repeatSeconds: 2, maxAttempts: 2 });
    for (let attempt = 1; attempt <= 5; attempt++) {
      await due(id);
      const [job] = await claim('w1');
      expect(job!.attempts).toBe(attempt);
      expect(await failJob(ctx.services(), 'w1', id, attempt, `failure ${attempt}`, backoff)).toBe('retry');
      const row = await getJobRow(ctx.database.db, id);
      expect(row.status).toBe('queued');
      expect(row.last_error).toBe(`failure ${attempt}`);
      // Back-off (1 s, 2 s, 4 s, 4 s…) but never past the next 2 s slot of the anchored grid.
      expect(row.run_at).toBe(
        Math.min(
          row.updated_at + backoffMs(attempt, backoff),
          nextAnchoredRun(row.anchor_at, 2, row.updated_at),
        ),
      );
    }
  });

  it('puts a repeating job back on its anchored grid after a success, with a fresh attempt count', async () => {
    const id = await insertJob(ctx.services(), { task: 'p:sync', repeatSeconds: 60, maxAttempts: 3 });
    const anchor = (await getJobRow(ctx.database.db, id)).anchor_at;
    // The worker was down for ten minutes: one run, then the next slot on the grid (no catch-up).
    await ctx.database.db
      .updateTable('job')
      .set({ anchor_at: anchor - 600_500 })
      .where('id', '=', id)
      .execute();
    await due(id);
    const [job] = await claim('w1');
    await completeJob(ctx.services(), 'w1', id, job!.attempts);
    const row = await getJobRow(ctx.database.db, id);
    expect(row.status).toBe('queued');
    expect(row.attempts).toBe(0);
    expect((row.run_at - row.anchor_at) % 60_000).toBe(0);
    expect(row.run_at).toBeGreaterThan(row.updated_at);
    expect(row.run_at - row.updated_at).toBeLessThanOrEqual(60_000);
  });

  it('hands a job whose lease expired to another worker, and ignores the late outcome of the first', async () => {
    // The lease runs out on the test's clock: time moves by a step, not by waiting.
    const clock = fixedClock();
    const at = { ...ctx.services(), clock };
    const id = await insertJob(at, { task: 'p:once', maxAttempts: 3 });
    const [first] = await claimJobs(at, { owner: 'dead-worker', leaseMs: 1000, limit: 10 });
    // Still leased a moment before the lease runs out: nobody else gets it.
    clock.advance(999);
    expect(await claimJobs(at, { owner: 'w2', leaseMs: 1000, limit: 10 })).toEqual([]);
    // The first worker never renewed it: once the lease has run out, another worker claims it.
    clock.advance(2);
    const [second] = await claimJobs(at, { owner: 'w2', leaseMs: 60_000, limit: 10 });
    expect(second!.id).toBe(first!.id);
    expect(second!.attempts).toBe(2);
    expect(second!.last_error).toBe(LOST_LEASE_MESSAGE);
    // The first worker comes back to life and reports: nothing changes.
    await completeJob(at, 'dead-worker', id, 1);
    expect((await getJobRow(ctx.database.db, id)).status).toBe('running');
    await completeJob(at, 'w2', id, 2);
    expect((await getJobRow(ctx.database.db, id)).status).toBe('succeeded');
  });

  it('prunes finished runs after the retention period, failed ones later, never queued ones', async () => {
    const day = 86_400_000;
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push(await insertJob(ctx.services(), { task: 'p:x', maxAttempts: 1 }));
    const clock = fixedClock();
    const now = clock.now();
    const set = (i: number, status: 'succeeded' | 'failed' | 'queued', ageDays: number) =>
      ctx.database.db
        .updateTable('job')
        .set({ status, finished_at: now - ageDays * day })
        .where('id', '=', ids[i]!)
        .execute();
    await set(0, 'succeeded', 8);
    await set(1, 'succeeded', 1);
    await set(2, 'failed', 8);
    await set(3, 'failed', 31);
    await set(4, 'queued', 100);
    const removed = await pruneFinishedJobs(
      { ...ctx.services(), clock },
      {
        retentionMs: 7 * day,
        failedRetentionMs: 30 * day,
      },
    );
    expect(removed).toBe(2);
    const left = await ctx.database.db.selectFrom('job').select('id').orderBy('id').execute();
    expect(left.map((r) => r.id)).toEqual([ids[1], ids[2], ids[4]]);
  });
});
