import { setTimeout as sleep } from 'node:timers/promises';
import type { TaskResolver } from '@steppingstones/core/jobs';
import type { TestContext } from '@steppingstones/core/testing';
import { type RunningWorker, startWorker, type WorkerOptions } from '../main.ts';

/** Short intervals so tests finish in seconds; the semantics are the production ones. */
export const FAST: WorkerOptions = {
  concurrency: 2,
  leaseMs: 5000,
  heartbeatMs: 500,
  pollMs: 50,
  backoff: { baseMs: 50, capMs: 200 },
  shutdownGraceMs: 2000,
  outboxPollMs: 100,
  schedule: false,
  plugins: false,
};

/** A worker in this process, sharing the test's database connection. */
export function startTestWorker(
  ctx: TestContext,
  resolver: TaskResolver,
  options: WorkerOptions = {},
): Promise<RunningWorker> {
  return startWorker(ctx.env, { ...FAST, resolver, context: ctx, ...options });
}

/** Polls `check` until it returns a truthy value; a deadline, not a timing assertion. */
export async function waitFor<T>(
  check: () => Promise<T> | T,
  what: string,
  timeoutMs = 90_000,
): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await sleep(50);
  }
}
