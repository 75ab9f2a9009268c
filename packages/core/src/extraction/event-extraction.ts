import { dialectOf, type Tx, withDatabaseLock, writeTransaction } from '@steppingstones/db';
import { z } from 'zod';
import { type IngestCounts, ingestFindings } from '../credentials/credential-ingest.service.ts';
import { insertJob } from '../jobs/job.service.ts';
import { latestDomainEventId, readDomainEventsAfter } from '../outbox/outbox.queries.ts';
import { type ClockedHandle, inTransaction, type ServiceContext } from '../service-context.ts';
import { extractCredentials } from './extract.ts';

/**
 * Credentials in event text reach the vault after the event's write has committed: the outbox names
 * each created or updated event, a follower queues one job per change, and the job extracts from the
 * event as it is then. Saving an event never waits for extraction and a failed extraction never loses
 * the event; the vault's identity keys make a re-run add nothing, and nothing is ever removed from the
 * vault because the evidence changed.
 */
export const EXTRACT_EVENT_TASK = 'core:credentials.extract-event';
export const EXTRACT_EVENT_MAX_ATTEMPTS = 5;
export const extractEventPayloadSchema = z.object({ eventId: z.number().int().positive() });

const CURSOR_KEY = 'extraction.outbox_cursor';
const EVENT_CHANGES = new Set(['event.created', 'event.updated']);

/** Queues an extraction job per event change found in the outbox since the last call; returns how many domain events it read. */
export async function queueEventExtractions(
  ctx: ClockedHandle,
  options: { batchSize?: number } = {},
): Promise<number> {
  // A cheap read first: most polls find nothing new and must not take the write lock (SQLite).
  const [seen, latest] = await Promise.all([
    ctx.db.selectFrom('app_state').select('value').where('key', '=', CURSOR_KEY).executeTakeFirst(),
    latestDomainEventId(ctx.db),
  ]);
  if (seen && latest <= Number(seen.value)) return 0;
  return withDatabaseLock(ctx.db, dialectOf(ctx.db), 'steppingstones:extraction-outbox', async (tx) => {
    const inTx = inTransaction(ctx, tx);
    const state = await tx
      .selectFrom('app_state')
      .select('value')
      .where('key', '=', CURSOR_KEY)
      .executeTakeFirst();
    const events = await readDomainEventsAfter(tx, state ? Number(state.value) : 0, {
      limit: options.batchSize ?? 500,
    });
    if (events.length === 0) return 0;
    const queued = new Set<number>();
    for (const event of events) {
      const eventId = Number((event.payload as { eventId?: unknown }).eventId);
      if (!EVENT_CHANGES.has(event.type) || !Number.isInteger(eventId) || queued.has(eventId)) continue;
      queued.add(eventId);
      await insertJob(inTx, {
        task: EXTRACT_EVENT_TASK,
        payload: { eventId },
        maxAttempts: EXTRACT_EVENT_MAX_ATTEMPTS,
        engagementId: event.engagementId,
      });
    }
    await saveCursor(tx, events[events.length - 1]?.id ?? 0, ctx.clock.now());
    return events.length;
  });
}

async function saveCursor(tx: Tx, id: number, now: number): Promise<void> {
  const value = String(id);
  await tx
    .insertInto('app_state')
    .values({ key: CURSOR_KEY, value, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
    .execute();
}

/**
 * Extracts from an event's description, raw evidence and outcome into its engagement's vault, linked
 * to the event. A deleted or missing event adds nothing.
 */
export async function extractEventCredentials(
  ctx: ServiceContext,
  eventId: number,
): Promise<IngestCounts | null> {
  const event = await ctx.db
    .selectFrom('event')
    .select(['id', ...EVENT_TEXT_COLUMNS, 'deleted_at'])
    .where('id', '=', eventId)
    .executeTakeFirst();
  if (!event || event.deleted_at !== null) return null;
  return ingestEventText(ctx, event);
}

/** The event columns extraction reads. */
export const EVENT_TEXT_COLUMNS = ['engagement_id', 'description', 'raw_evidence', 'outcome'] as const;

export interface EventText {
  id: number | string;
  engagement_id: number | string;
  description: string | null;
  raw_evidence: string | null;
  outcome: string | null;
}

/** Extracts from one event's text into its engagement's vault, linked to the event. */
export async function ingestEventText(ctx: ServiceContext, event: EventText): Promise<IngestCounts> {
  const text = [event.description, event.raw_evidence, event.outcome].filter(Boolean).join('\n\n');
  const findings = extractCredentials(text);
  if (findings.length === 0) return { newHashes: 0, newSecrets: 0, historyHashes: 0, duplicates: 0 };
  return writeTransaction(ctx.db, (tx) =>
    ingestFindings(inTransaction(ctx, tx), {
      engagementId: Number(event.engagement_id),
      findings,
      origin: { eventId: Number(event.id) },
      actor: { userId: null, username: 'extraction' },
    }),
  );
}
