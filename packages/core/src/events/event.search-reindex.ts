import { type DB, writeTransaction } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import { NotFoundError } from '../errors.ts';
import { reindexEvents } from './event.search-doc.ts';

const BATCH = 500;

export interface ReindexCounts {
  events: number;
}

/**
 * Rebuilds the search documents of every event (or one engagement's) from the saved events, so the
 * public document follows the current redaction: text indexed under older rules (a password in a
 * context, a hash in a tag) stops matching for readers without `credential.view`. Events are walked by
 * id, one transaction per batch, so a stop half-way keeps what was done and a re-run is harmless.
 * Instance maintenance (the CLI runs it): no principal, nothing shown.
 */
export async function reindexEventSearch(
  db: Kysely<DB>,
  options: { engagement?: string; onProgress?: (done: number) => void } = {},
): Promise<ReindexCounts> {
  let engagementId: number | undefined;
  if (options.engagement !== undefined) {
    const row = await db
      .selectFrom('engagement')
      .select('id')
      .where('code', '=', options.engagement)
      .executeTakeFirst();
    if (!row) throw new NotFoundError(`The engagement "${options.engagement}"`);
    engagementId = Number(row.id);
  }
  let done = 0;
  let after = 0;
  for (;;) {
    let q = db
      .selectFrom('event')
      .select('id')
      .where('deleted_at', 'is', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH);
    if (engagementId !== undefined) q = q.where('engagement_id', '=', engagementId);
    const ids = (await q.execute()).map((r) => Number(r.id));
    if (ids.length === 0) break;
    await writeTransaction(db, (tx) => reindexEvents(tx, ids));
    done += ids.length;
    options.onProgress?.(done);
    after = ids[ids.length - 1] as number;
    if (ids.length < BATCH) break;
  }
  return { events: done };
}
