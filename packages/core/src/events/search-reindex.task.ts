import { z } from 'zod';
import type { TaskRunContext } from '../jobs/task-definition.ts';
import { reindexEventSearch } from './event.search-reindex.ts';

/** Queued by the migration that changed what is masked in search documents (and by hand if wanted). */
export const SEARCH_REINDEX_TASK = 'core:search.reindex';
export const searchReindexPayloadSchema = z.object({ engagement: z.string().min(1).optional() });

/** The `core:search.reindex` task, run in a worker thread (idempotent: a re-run rewrites the same). */
export async function reindexSearchTask(ctx: TaskRunContext): Promise<unknown> {
  const { engagement } = ctx.payload as z.infer<typeof searchReindexPayloadSchema>;
  const { db } = await ctx.database();
  return reindexEventSearch(db, engagement === undefined ? {} : { engagement });
}
