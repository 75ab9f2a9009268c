import { dialectOf, withDatabaseLock } from '@steppingstones/db';
import { type ClockedHandle, inTransaction } from '../service-context.ts';
import { insertJob } from './job.service.ts';
import type { TaskDefinition, TaskResolver } from './task-definition.ts';

/** The payload of an auto-scheduled job. Only jobs with it are "copies" of the schedule (the original
 * matched on function name + arguments), so jobs queued with a payload of their own are left alone. */
const SCHEDULED_PAYLOAD = JSON.stringify({});

export interface ScheduleReport {
  enqueued: string[];
  kept: string[];
}

/**
 * Enqueues every task that has a schedule, once per worker start, under a database-wide lock so N
 * workers and M servers starting together make exactly one copy. Semantics from the original:
 * - the first run is `delaySeconds` after start, then every `repeatSeconds` (0 = once);
 * - `replaceExistingTasks: true` drops queued copies, so only the new delay / repeat apply (a copy
 *   running now finishes but does not repeat any more);
 * - `replaceExistingTasks: false` keeps a queued or running copy and adds nothing.
 * A copy is a job of the task with the payload `{}`; jobs enqueued with their own payload are not touched.
 * An auto-scheduled task gets the payload `{}`; a task without a schedule runs only when enqueued.
 * Tasks of disabled plugins are scheduled too: their jobs wait until the plugin is enabled.
 */
export async function scheduleTasks(ctx: ClockedHandle, resolver: TaskResolver): Promise<ScheduleReport> {
  const report: ScheduleReport = { enqueued: [], kept: [] };
  const scheduled = resolver
    .list()
    .filter((d): d is TaskDefinition & { schedule: object } => Boolean(d.schedule));
  if (scheduled.length === 0) return report;
  await withDatabaseLock(ctx.db, dialectOf(ctx.db), 'steppingstones:job-scheduler', async (tx) => {
    const inTx = inTransaction(ctx, tx);
    for (const task of scheduled) {
      const { delaySeconds, repeatSeconds, replaceExistingTasks } = task.schedule!;
      if (replaceExistingTasks) {
        await tx
          .deleteFrom('job')
          .where('task', '=', task.name)
          .where('payload', '=', SCHEDULED_PAYLOAD)
          .where('status', '=', 'queued')
          .execute();
        await tx
          .updateTable('job')
          .set({ repeat_seconds: 0, updated_at: ctx.clock.now() })
          .where('task', '=', task.name)
          .where('payload', '=', SCHEDULED_PAYLOAD)
          .where('status', '=', 'running')
          .execute();
      } else {
        const existing = await tx
          .selectFrom('job')
          .select('id')
          .where('task', '=', task.name)
          .where('payload', '=', SCHEDULED_PAYLOAD)
          .where('status', 'in', ['queued', 'running'])
          .executeTakeFirst();
        if (existing) {
          report.kept.push(task.name);
          continue;
        }
      }
      await insertJob(inTx, {
        task: task.name,
        payload: {},
        delaySeconds,
        repeatSeconds,
        maxAttempts: task.maxAttempts,
      });
      report.enqueued.push(task.name);
    }
  });
  return report;
}
