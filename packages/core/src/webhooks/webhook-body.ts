import type { DB } from '@steppingstones/db';
import type { WebhookBodyDto, WebhookExampleDto } from '@steppingstones/shared/webhook-body';
import type { Kysely } from 'kysely';
import { NotFoundError } from '../errors.ts';
import type { ClockedHandle } from '../service-context.ts';
import { parseTypes } from './webhook.mapper.ts';
import { getWebhookRow } from './webhook.queries.ts';
import { DELIVER_TASK } from './webhook-fanout.ts';
import { buildWebhookMessage, OUTBOX_TO_WEBHOOK_TYPE } from './webhook-message.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The exact text a delivery POSTed. The body is fixed when the message is queued and lives in the
 * delivery job's payload (every retry sends the same bytes), so it is read from there; once finished
 * jobs are pruned only the delivery log's message text is left, and `body` is null.
 */
export async function deliveryBody(
  db: Kysely<DB>,
  webhookId: number,
  deliveryId: string,
): Promise<WebhookBodyDto> {
  await getWebhookRow(db, webhookId);
  const logged = UUID.test(deliveryId)
    ? await db
        .selectFrom('webhook_delivery')
        .select(['type', 'message'])
        .where('webhook_id', '=', webhookId)
        .where('delivery_id', '=', deliveryId)
        .orderBy('id', 'desc')
        .executeTakeFirst()
    : undefined;
  if (!logged) throw new NotFoundError('The delivery');
  // The id is a checked UUID, so it can be matched inside the JSON payload as it was written.
  const jobs = await db
    .selectFrom('job')
    .select('payload')
    .where('task', '=', DELIVER_TASK)
    .where('payload', 'like', `%"deliveryId":"${deliveryId.toLowerCase()}"%`)
    .execute();
  for (const job of jobs) {
    const payload = JSON.parse(job.payload) as { webhookId?: unknown; body?: unknown };
    if (payload.webhookId === webhookId && typeof payload.body === 'string')
      return { delivery_id: deliveryId, type: logged.type, body: payload.body, kept: true };
  }
  return { delivery_id: deliveryId, type: logged.type, body: null, kept: false };
}

/** What a change of each outbox type carries once the fan-out has added what people read. */
const SAMPLE_PAYLOADS: Readonly<Record<string, Record<string, unknown>>> = {
  'event.created': { eventId: 1042, actor: 'alice', description: 'Kerberoasted svc_sql from WS042' },
  'event.updated': { eventId: 1042, actor: 'alice', description: 'Kerberoasted svc_sql from WS042' },
  'event.deleted': { eventId: 1042, actor: 'alice', description: 'Kerberoasted svc_sql from WS042' },
  'event.detection_changed': { eventId: 1042, actor: 'blue.analyst', detected: 'FUL', prevented: 'PAR' },
  'events.bulk_updated_summary': { actor: 'alice', count: 250, filter: { tag: 'phishing' } },
  'comment.created': {
    eventId: 1042,
    commentId: 7,
    actor: 'blue.analyst',
    side: 'blue',
    mentions: ['alice'],
    comment: 'We saw this at 10:42 on the EDR console',
  },
  'beacon.new': { c2SessionId: 17, beacon: 'jsmith on WS042 (beacon.exe)', teamServer: 'cs01' },
  'beacon.respawned': { c2SessionId: 18, beacon: 'jsmith on WS042 (beacon.exe)', teamServer: 'cs01' },
  'beacon.returned': { c2SessionId: 17, beacon: 'jsmith on WS042 (beacon.exe)', teamServer: 'cs01' },
};

/**
 * For each type the webhook subscribes to, the body it would receive, built by the fan-out's own
 * builder (webhook-message.ts) from an example change in the webhook's engagement: the same keys, in
 * the same order, with the same wording; only the ids, names and times are examples. Indented here
 * for reading; the POST sends it on one line.
 */
export async function exampleBodies(ctx: ClockedHandle, webhookId: number): Promise<WebhookExampleDto[]> {
  const hook = await getWebhookRow(ctx.db, webhookId);
  const engagement = hook.engagement_id
    ? await ctx.db
        .selectFrom('engagement')
        .select(['code', 'name'])
        .where('id', '=', hook.engagement_id)
        .executeTakeFirst()
    : undefined;
  const code = engagement?.code ?? 'ACME-2026';
  const name = engagement ? engagement.name || engagement.code : 'Acme Corp';
  const subscribed = new Set<string>(parseTypes(hook.types));
  const examples: WebhookExampleDto[] = [];
  for (const [outboxType, type] of Object.entries(OUTBOX_TO_WEBHOOK_TYPE)) {
    if (!subscribed.has(type)) continue;
    const message = buildWebhookMessage(
      {
        id: 58_213,
        type: outboxType,
        engagementId: hook.engagement_id ?? 3,
        actorUserId: null,
        payload: SAMPLE_PAYLOADS[outboxType] ?? { eventId: 1042 },
        createdAt: ctx.clock.now(),
      },
      code,
      name,
    );
    if (message) examples.push({ type, body: JSON.stringify(message) });
  }
  return examples;
}
