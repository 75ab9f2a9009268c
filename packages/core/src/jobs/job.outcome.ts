import { writeTransaction } from '@steppingstones/db';
import type { ClockedHandle } from '../service-context.ts';
import { backoffMs, nextAnchoredRun } from './job-timing.ts';

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

/**
 * Records a successful run of the claim numbered `attempt` (a stale run, whose job was taken over
 * after a lost lease, changes nothing). A repeating job goes back to the queue for its next anchored slot with a
 * fresh attempt count; a one-off job is done. Guarded on the lease, so a job cancelled meanwhile (or
 * taken over after a lost lease) is left alone.
 */
export async function completeJob(
  ctx: ClockedHandle,
  owner: string,
  id: number,
  attempt: number,
): Promise<void> {
  await writeTransaction(ctx.db, async (tx) => {
    const job = await tx
      .selectFrom('job')
      .select(['repeat_seconds', 'anchor_at'])
      .where('id', '=', id)
      .where('status', '=', 'running')
      .where('lease_owner', '=', owner)
      .where('attempts', '=', attempt)
      .executeTakeFirst();
    if (!job) return;
    const now = ctx.clock.now();
    const release = { lease_owner: null, lease_expires_at: null, finished_at: now, updated_at: now };
    if (job.repeat_seconds > 0) {
      const runAt = nextAnchoredRun(Number(job.anchor_at), job.repeat_seconds, now);
      await tx
        .updateTable('job')
        .set({ ...release, status: 'queued', run_at: runAt, attempts: 0, last_error: null })
        .where('id', '=', id)
        .execute();
    } else {
      await tx
        .updateTable('job')
        .set({ ...release, status: 'succeeded', last_error: null })
        .where('id', '=', id)
        .execute();
    }
  });
}

/**
 * Records a failed run. A one-off job retries after a capped exponential back-off until it used its
 * attempts, then it is failed. A repeating job never dies: it retries with back-off, but never later
 * than its next regular slot.
 */
export async function failJob(
  ctx: ClockedHandle,
  owner: string,
  id: number,
  attempt: number,
  error: string,
  backoff: BackoffOptions,
): Promise<'retry' | 'failed' | 'gone'> {
  return writeTransaction(ctx.db, async (tx) => {
    const job = await tx
      .selectFrom('job')
      .select(['attempts', 'max_attempts', 'repeat_seconds', 'anchor_at'])
      .where('id', '=', id)
      .where('status', '=', 'running')
      .where('lease_owner', '=', owner)
      .where('attempts', '=', attempt)
      .executeTakeFirst();
    if (!job) return 'gone';
    const now = ctx.clock.now();
    const release = {
      lease_owner: null,
      lease_expires_at: null,
      updated_at: now,
      last_error: error.slice(0, 4000),
    };
    const retryAt = now + backoffMs(job.attempts, backoff);
    if (job.repeat_seconds > 0) {
      const slot = nextAnchoredRun(Number(job.anchor_at), job.repeat_seconds, now);
      await tx
        .updateTable('job')
        .set({ ...release, status: 'queued', run_at: Math.min(retryAt, slot), finished_at: now })
        .where('id', '=', id)
        .execute();
      return 'retry';
    }
    if (job.attempts >= job.max_attempts) {
      await tx
        .updateTable('job')
        .set({ ...release, status: 'failed', finished_at: now })
        .where('id', '=', id)
        .execute();
      return 'failed';
    }
    await tx
      .updateTable('job')
      .set({ ...release, status: 'queued', run_at: retryAt })
      .where('id', '=', id)
      .execute();
    return 'retry';
  });
}

/** Fails a job for good, whatever its attempts or repeat (unknown task, payload not matching its schema). */
export async function failJobPermanently(
  ctx: ClockedHandle,
  owner: string,
  id: number,
  attempt: number,
  error: string,
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db
    .updateTable('job')
    .set({
      status: 'failed',
      last_error: error,
      lease_owner: null,
      lease_expires_at: null,
      finished_at: now,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('lease_owner', '=', owner)
    .where('attempts', '=', attempt)
    .execute();
}

/**
 * Deletes finished runs older than the retention period. Failed jobs are kept longer (an admin may
 * still need the error). Repeating jobs stay queued, so they are never pruned.
 */
export async function pruneFinishedJobs(
  ctx: ClockedHandle,
  options: { retentionMs: number; failedRetentionMs: number },
): Promise<number> {
  const now = ctx.clock.now();
  const done = await ctx.db
    .deleteFrom('job')
    .where('status', 'in', ['succeeded', 'cancelled'])
    .where('finished_at', '<', now - options.retentionMs)
    .executeTakeFirst();
  const failed = await ctx.db
    .deleteFrom('job')
    .where('status', '=', 'failed')
    .where('finished_at', '<', now - options.failedRetentionMs)
    .executeTakeFirst();
  return Number(done.numDeletedRows) + Number(failed.numDeletedRows);
}
