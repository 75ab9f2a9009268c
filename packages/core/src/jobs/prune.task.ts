import { z } from 'zod';
import { pruneFinishedJobs } from './job.outcome.ts';
import type { TaskRunContext } from './task-definition.ts';

const DAY = 86_400_000;

export const prunePayloadSchema = z.object({
  retentionDays: z.number().positive().default(7),
  failedRetentionDays: z.number().positive().default(30),
  deliveryRetentionDays: z.number().positive().default(30),
});

/** `core:jobs.prune`: deletes finished runs and old webhook delivery log lines. Idempotent. */
export async function pruneJobsTask(ctx: TaskRunContext): Promise<unknown> {
  const p = prunePayloadSchema.parse(ctx.payload ?? {});
  const services = await ctx.services();
  const jobs = await pruneFinishedJobs(services, {
    retentionMs: p.retentionDays * DAY,
    failedRetentionMs: p.failedRetentionDays * DAY,
  });
  const deliveries = await services.db
    .deleteFrom('webhook_delivery')
    .where('created_at', '<', services.clock.now() - p.deliveryRetentionDays * DAY)
    .executeTakeFirst();
  return { jobs, deliveries: Number(deliveries.numDeletedRows) };
}
