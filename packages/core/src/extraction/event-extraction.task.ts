import type { TaskRunContext } from '../jobs/task-definition.ts';
import { extractEventCredentials } from './event-extraction.ts';

/** The `core:credentials.extract-event` task, run in a worker thread (idempotent: re-runs add nothing). */
export async function extractEventTask(ctx: TaskRunContext): Promise<unknown> {
  const { eventId } = ctx.payload as { eventId: number };
  const counts = await extractEventCredentials(await ctx.services(), eventId);
  return counts ?? { skipped: 'The event was deleted.' };
}
