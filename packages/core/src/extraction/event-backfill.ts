import { vaultEngagement } from '../credentials/credential-engagement.ts';
import type { Principal } from '../permissions/index.ts';
import type { ServiceContext } from '../service-context.ts';
import { EVENT_TEXT_COLUMNS, ingestEventText } from './event-extraction.ts';

/** Events read per batch: the walk holds at most this many events' text at once. */
const BATCH = 200;

export interface BackfillCounts {
  /** Events read (deleted ones are skipped). */
  events: number;
  /** Events in whose text at least one credential was found. */
  eventsWithCredentials: number;
  newHashes: number;
  newSecrets: number;
  historyHashes: number;
  duplicates: number;
}

/**
 * Runs credential extraction over the events already saved in one engagement (those saved before
 * extraction existed, or before the worker's outbox follower first started), exactly as the worker
 * does for a new save: findings are linked to their event and the vault's identity keys make a second
 * run add nothing. Events are walked in id order, one transaction per event with findings, so a stop
 * half-way keeps what was done and a re-run finishes the rest.
 */
export async function backfillEventExtractions(
  ctx: ServiceContext,
  principal: Principal,
  code: string,
  options: { onProgress?: (done: number) => void } = {},
): Promise<BackfillCounts> {
  const { db } = ctx;
  const { id: engagementId } = await vaultEngagement(db, principal, code, 'credential.add');
  const counts: BackfillCounts = {
    events: 0,
    eventsWithCredentials: 0,
    newHashes: 0,
    newSecrets: 0,
    historyHashes: 0,
    duplicates: 0,
  };
  let after = 0;
  for (;;) {
    const events = await db
      .selectFrom('event')
      .select(['id', ...EVENT_TEXT_COLUMNS])
      .where('engagement_id', '=', engagementId)
      .where('deleted_at', 'is', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    for (const event of events) {
      const found = await ingestEventText(ctx, event);
      counts.events++;
      const total = found.newHashes + found.newSecrets + found.historyHashes + found.duplicates;
      if (total > 0) counts.eventsWithCredentials++;
      counts.newHashes += found.newHashes;
      counts.newSecrets += found.newSecrets;
      counts.historyHashes += found.historyHashes;
      counts.duplicates += found.duplicates;
    }
    options.onProgress?.(counts.events);
    if (events.length < BATCH) return counts;
    after = Number(events[events.length - 1]?.id);
  }
}
