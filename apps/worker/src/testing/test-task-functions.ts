// The test tasks' code, loaded inside task threads. Only node built-ins and type imports, so a thread
// starts quickly even on a busy machine.
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TaskRunContext } from '@steppingstones/core/jobs';
import { z } from 'zod';

export const logPayload = z.object({
  log: z.string(),
  /** How many first attempts fail (recordRun) or block (blockThread). */
  failAttempts: z.number().int().default(0),
  sleepMs: z.number().default(0),
  /** Sleep only on the first N attempts (default: every attempt). */
  sleepAttempts: z.number().int().optional(),
  /** How long a blocking attempt blocks its thread (blockThread; default: an hour, until terminated). */
  blockMs: z.number().int().positive().optional(),
});

function record(ctx: TaskRunContext, what: string): void {
  const p = ctx.payload as z.infer<typeof logPayload>;
  fs.appendFileSync(p.log, `${ctx.job.id} ${ctx.job.attempt} ${what}\n`);
}

/** Records the run; the first `failAttempts` attempts fail; with `sleepMs` it records its start and sleeps first. */
export async function recordRun(ctx: TaskRunContext): Promise<unknown> {
  const p = ctx.payload as z.infer<typeof logPayload>;
  if (p.sleepMs && ctx.job.attempt <= (p.sleepAttempts ?? Number.POSITIVE_INFINITY)) {
    record(ctx, 'start');
    await sleep(p.sleepMs);
  }
  if (ctx.job.attempt <= p.failAttempts) {
    record(ctx, 'fail');
    throw new Error(`planned failure on attempt ${ctx.job.attempt}`);
  }
  record(ctx, 'ok');
  return { attempt: ctx.job.attempt };
}

/** Records the start; the first `failAttempts` attempts then block their thread (only termination stops them). */
export async function blockThread(ctx: TaskRunContext): Promise<unknown> {
  const p = ctx.payload as z.infer<typeof logPayload>;
  record(ctx, 'start');
  if (ctx.job.attempt <= p.failAttempts) {
    const until = Date.now() + (p.blockMs ?? 3_600_000);
    while (Date.now() < until) {
      // Busy: an await-based timeout could never interrupt this.
    }
  }
  record(ctx, 'ok');
  return null;
}
