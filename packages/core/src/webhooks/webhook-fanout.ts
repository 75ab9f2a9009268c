import crypto from 'node:crypto';
import { dialectOf, type Tx, withDatabaseLock } from '@steppingstones/db';
import { insertJob } from '../jobs/job.service.ts';
import { type DomainEvent, latestDomainEventId, readDomainEventsAfter } from '../outbox/index.ts';
import { redactEvidence } from '../redaction/index.ts';
import { type ClockedHandle, inTransaction } from '../service-context.ts';
import { parseTypes } from './webhook.mapper.ts';
import { expandBulkEdit } from './webhook-bulk.ts';
import { groupBursts, holdIndex, type PendingMessage } from './webhook-burst.ts';
import { buildWebhookMessage, type WebhookMessage } from './webhook-message.ts';

/**
 * The event as it stood right after the change: the latest revision written at or before the outbox
 * row (same transaction), not the row as it is when the fan-out runs, which may be several edits later.
 * Events without history (written outside the app) fall back to the row.
 */
async function stateAtChange(tx: Tx, eventId: number, at: number) {
  const revision = await tx
    .selectFrom('event_revision')
    .select('snapshot')
    .where('event_id', '=', eventId)
    .where('created_at', '<=', at)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (revision) {
    const s = JSON.parse(revision.snapshot) as {
      description?: string;
      detected?: string;
      prevented?: string;
    };
    if (typeof s.description === 'string')
      return { description: s.description, detected: s.detected ?? '', prevented: s.prevented ?? '' };
  }
  return tx
    .selectFrom('event')
    .select(['description', 'detected', 'prevented'])
    .where('id', '=', eventId)
    .executeTakeFirst();
}

/**
 * Outbox rows carry ids only; a webhook message is read by people, so add what they need to know:
 * who did it and, for events, the first line of the description (secrets masked) and the detection
 * state, as they were at the time of the change.
 */
async function enrich(tx: Tx, event: DomainEvent): Promise<DomainEvent> {
  const payload = { ...event.payload };
  if (event.actorUserId) {
    const user = await tx
      .selectFrom('app_user')
      .select('username')
      .where('id', '=', event.actorUserId)
      .executeTakeFirst();
    if (user) payload.actor = user.username;
  }
  const eventId = Number(payload.eventId);
  if (event.type.startsWith('event.') && Number.isInteger(eventId)) {
    const row = await stateAtChange(tx, eventId, event.createdAt);
    if (row) {
      // Masked: a message leaves the app (chat channels, ticket systems) where credentials must not go.
      payload.description ??= redactEvidence(row.description);
      payload.detected ??= row.detected;
      payload.prevented ??= row.prevented;
    }
  }
  if (event.type === 'comment.created' && payload.redTeamOnly !== true) {
    const said = await commentAtPosting(tx, Number(payload.commentId));
    // Masked like event descriptions: the message leaves the app.
    if (said !== undefined) payload.comment ??= redactEvidence(said);
  }
  return { ...event, payload };
}

/** A comment's text as posted: its first kept revision if it was edited since, else the row. */
async function commentAtPosting(tx: Tx, commentId: number): Promise<string | undefined> {
  if (!Number.isInteger(commentId)) return undefined;
  const first = await tx
    .selectFrom('event_comment_revision')
    .select('body')
    .where('comment_id', '=', commentId)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (first) return first.body;
  const row = await tx
    .selectFrom('event_comment')
    .select('body')
    .where('id', '=', commentId)
    .executeTakeFirst();
  return row?.body;
}

export const OUTBOX_CURSOR_KEY = 'webhooks.outbox_cursor';
export const DELIVER_TASK = 'core:webhook.deliver';
export const DELIVER_MAX_ATTEMPTS = 8;

/**
 * Follows the outbox from the stored cursor and queues one delivery job per (matching webhook,
 * event). The cursor moves in the same transaction as the jobs are queued, under a database lock,
 * so several workers never queue a message twice and a crash never loses one. A webhook gets only
 * events that happened after it was created. A burst still inside its window waits (webhook-burst.ts). Returns how many outbox rows were handled.
 */
export async function fanOutWebhooks(
  ctx: ClockedHandle,
  options: { batchSize?: number } = {},
): Promise<number> {
  // A cheap read first: most polls find nothing new and must not take the write lock (SQLite).
  const [seen, latest] = await Promise.all([
    ctx.db.selectFrom('app_state').select('value').where('key', '=', OUTBOX_CURSOR_KEY).executeTakeFirst(),
    latestDomainEventId(ctx.db),
  ]);
  if (latest <= (seen ? Number(seen.value) : 0)) return 0;
  return withDatabaseLock(ctx.db, dialectOf(ctx.db), 'steppingstones:webhook-outbox', async (tx) => {
    const inTx = inTransaction(ctx, tx);
    const state = await tx
      .selectFrom('app_state')
      .select('value')
      .where('key', '=', OUTBOX_CURSOR_KEY)
      .executeTakeFirst();
    const cursor = state ? Number(state.value) : 0;
    const events = await readDomainEventsAfter(tx, cursor, { limit: options.batchSize ?? 500 });
    if (events.length === 0) return 0;
    const hooks = (await tx.selectFrom('webhook').selectAll().where('enabled', '=', 1).execute()).map(
      (h) => ({
        id: Number(h.id),
        engagementId: h.engagement_id === null ? null : Number(h.engagement_id),
        createdAt: Number(h.created_at),
        types: new Set(parseTypes(h.types)),
      }),
    );
    const engagements = new Map<number, { code: string; name: string }>();
    // Every message the batch makes, in outbox order; a burst still in its window waits (webhook-burst.ts).
    const pending: Array<{ index: number; message: PendingMessage }> = [];
    for (const [index, event] of events.entries()) {
      if (hooks.length === 0) break;
      let engagement: { code: string; name: string } | null = null;
      if (event.engagementId !== null) {
        if (!engagements.has(event.engagementId)) {
          const e = await tx
            .selectFrom('engagement')
            .select(['code', 'name'])
            .where('id', '=', event.engagementId)
            .executeTakeFirst();
          const code = e?.code ?? `#${event.engagementId}`;
          engagements.set(event.engagementId, { code, name: e?.name || code });
        }
        engagement = engagements.get(event.engagementId)!;
      }
      const expanded = expandBulkEdit(event);
      for (const one of expanded) {
        const message = buildWebhookMessage(
          await enrich(tx, one),
          engagement?.code ?? null,
          engagement?.name ?? null,
        );
        if (!message) continue;
        pending.push({
          index,
          message: {
            message,
            domainEventId: event.id,
            engagementId: event.engagementId,
            createdAt: event.createdAt,
            // Comments go out one by one: each names its own mentions.
            groupable: event.type !== 'event.bulk_updated' && !event.type.startsWith('comment.'),
          },
        });
      }
    }
    const done = holdIndex(pending, events.length, ctx.clock.now());
    if (done === 0) return 0;
    const ready = pending.filter((p) => p.index < done).map((p) => p.message);
    const jobs: Array<{ hookId: number; message: WebhookMessage; domainEventId: number }> = [];
    for (const hook of hooks) {
      const mine = ready.filter(
        (m) =>
          hook.types.has(m.message.type) &&
          m.createdAt >= hook.createdAt &&
          // An engagement's webhook receives only that engagement's messages; an instance webhook all.
          (hook.engagementId === null || hook.engagementId === m.engagementId),
      );
      for (const one of groupBursts(mine)) jobs.push({ hookId: hook.id, ...one });
    }
    // Queued in the order things happened (a stable sort keeps the webhooks' order within one change).
    jobs.sort((a, b) => a.domainEventId - b.domainEventId);
    for (const { hookId, message, domainEventId } of jobs)
      await insertJob(inTx, {
        task: DELIVER_TASK,
        payload: {
          webhookId: hookId,
          deliveryId: crypto.randomUUID(),
          domainEventId,
          type: message.type,
          body: JSON.stringify(message),
        },
        maxAttempts: DELIVER_MAX_ATTEMPTS,
        engagementId: message.engagement_id,
      });
    const last = String(events[done - 1]!.id);
    const now = ctx.clock.now();
    await tx
      .insertInto('app_state')
      .values({ key: OUTBOX_CURSOR_KEY, value: last, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: last, updated_at: now }))
      .execute();
    return done;
  });
}
