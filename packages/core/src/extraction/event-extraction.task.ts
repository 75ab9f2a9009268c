import type { TaskRunContext } from '../jobs/task-definition.ts';
import { extractEventCredentials } from './event-extraction.ts';

/** The `core:credentials.extract-event` task, run in a worker thread (idempotent: re-runs add nothing). */
export async function extractEventTask(ctx: TaskRunContext): Promise<unknown> {
  const { eventId } = ctx.payload as { eventId: number };
  const { db } = await ctx.database();
  const counts = await extractEventCredentials(db, eventId);
  return counts ?? { skipped: 'The event was deleted.' };
}
