import type { Kysely } from 'kysely';
import type { DialectName } from '../database-url.ts';

/** The worker task that rebuilds every event's search documents (see `reindexEventSearch`). */
export const SEARCH_REINDEX_TASK = 'core:search.reindex';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then.
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  // Search documents written before contexts, tags and the newer secret shapes were masked still
  // let readers without credential.view find an event by a hidden password. Rebuilding needs the
  // redaction code, which lives above this package: queue the worker's reindex once, if there is
  // anything to rebuild (`steppingstones search reindex` does the same by hand).
  const event = await db.selectFrom('event').select('id').limit(1).executeTakeFirst();
  if (!event) return;
  const now = Date.now();
  await db
    .insertInto('job')
    .values({
      task: SEARCH_REINDEX_TASK,
      engagement_id: null,
      payload: '{}',
      status: 'queued',
      run_at: now,
      attempts: 0,
      max_attempts: 5,
      last_error: null,
      lease_owner: null,
      lease_expires_at: null,
      repeat_seconds: 0,
      anchor_at: now,
      created_at: now,
      updated_at: now,
      finished_at: null,
    })
    .execute();
}
