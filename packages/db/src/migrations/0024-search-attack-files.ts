import type { Kysely } from 'kysely';
import type { DialectName } from '../database-url.ts';
import { up as queueSearchReindex, SEARCH_REINDEX_TASK } from './0022-search-reindex.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then.
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  // Search documents now hold the events' ATT&CK ids and their files' names and locations, so `T1003`
  // and `C:\Windows\Temp` find events. Documents written before lack them: queue the worker's rebuild
  // once more (only when there are events), unless one is still waiting (it rebuilds with today's code).
  const waiting = await db
    .selectFrom('job')
    .select('id')
    .where('task', '=', SEARCH_REINDEX_TASK)
    .where('status', '=', 'queued')
    .limit(1)
    .executeTakeFirst();
  if (waiting) return;
  await queueSearchReindex(db, dialect);
}
