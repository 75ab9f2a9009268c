import crypto from 'node:crypto';
import type { WebhookTestResult } from '@steppingstones/shared';
import { z } from 'zod';
import type { AppConfig } from '../config/config.ts';
import type { ClockedHandle } from '../service-context.ts';
import { getWebhookRow } from './webhook.queries.ts';
import { postWebhook, type WebhookPostResult } from './webhook-http.ts';
import { testWebhookMessage } from './webhook-message.ts';

/** The payload of a `core:webhook.deliver` job: the body is fixed at fan-out so every retry sends the same. */
export const deliveryPayloadSchema = z.object({
  webhookId: z.number().int(),
  deliveryId: z.string().uuid(),
  domainEventId: z.number().int().nullable(),
  type: z.string(),
  body: z.string(),
});
export type DeliveryPayload = z.infer<typeof deliveryPayloadSchema>;

/** The message text and event id of a body, for the log (a body that is not ours gives nulls). */
function summaryOf(body: string | undefined): { message: string | null; event_id: number | null } {
  try {
    const parsed = JSON.parse(body ?? 'null') as { message?: unknown; event_id?: unknown } | null;
    return {
      message: typeof parsed?.message === 'string' ? parsed.message : null,
      event_id: typeof parsed?.event_id === 'number' ? parsed.event_id : null,
    };
  } catch {
    return { message: null, event_id: null };
  }
}

export async function recordDelivery(
  ctx: ClockedHandle,
  delivery: Omit<DeliveryPayload, 'body'> & { attempt: number; body?: string },
  result: WebhookPostResult,
): Promise<void> {
  const { message, event_id } = summaryOf(delivery.body);
  await ctx.db
    .insertInto('webhook_delivery')
    .values({
      webhook_id: delivery.webhookId,
      delivery_id: delivery.deliveryId,
      domain_event_id: delivery.domainEventId,
      type: delivery.type,
      status_code: result.statusCode,
      latency_ms: result.latencyMs,
      attempt: delivery.attempt,
      error: result.error,
      message,
      event_id,
      created_at: ctx.clock.now(),
    })
    .execute();
}

/**
 * One delivery attempt (the worker runs it as a job): POST, log, and report failure so the job
 * retries. A webhook deleted or disabled since the message was queued gets nothing.
 */
export async function deliverOnce(
  ctx: ClockedHandle,
  config: Pick<AppConfig, 'webhookAllowPrivate'>,
  payload: DeliveryPayload,
  attempt: number,
  timeoutMs?: number,
): Promise<WebhookPostResult | null> {
  const hook = await ctx.db
    .selectFrom('webhook')
    .selectAll()
    .where('id', '=', payload.webhookId)
    .executeTakeFirst();
  if (!hook) return null;
  if (hook.enabled !== 1) return null;
  const result = await postWebhook({
    url: hook.url,
    secret: hook.secret,
    body: payload.body,
    deliveryId: payload.deliveryId,
    allowPrivate: config.webhookAllowPrivate,
    sentAt: ctx.clock.now(),
    timeoutMs,
  });
  await recordDelivery(ctx, { ...payload, attempt }, result);
  return result;
}

/**
 * The *Test* button: sends the original's dummy `new beacon` message now (not through the queue, so
 * it works without a worker), logs it, and answers with the receiver's status and the latency.
 */
export async function testWebhook(
  ctx: ClockedHandle,
  config: Pick<AppConfig, 'webhookAllowPrivate'>,
  id: number,
  options: { timeoutMs?: number } = {},
): Promise<WebhookTestResult> {
  const hook = await getWebhookRow(ctx.db, id);
  const deliveryId = crypto.randomUUID();
  const body = JSON.stringify(testWebhookMessage(ctx.clock.now()));
  const result = await postWebhook({
    url: hook.url,
    secret: hook.secret,
    body,
    deliveryId,
    allowPrivate: config.webhookAllowPrivate,
    sentAt: ctx.clock.now(),
    timeoutMs: options.timeoutMs,
  });
  await recordDelivery(
    ctx,
    { webhookId: id, deliveryId, domainEventId: null, type: 'new beacon', attempt: 1, body },
    result,
  );
  return {
    ok: result.ok,
    status_code: result.statusCode,
    latency_ms: result.latencyMs,
    error: result.error,
    delivery_id: deliveryId,
  };
}
