import type { DB } from '@steppingstones/db';
import type { ListEnvelope, WebhookDeliveryDto, WebhookDto } from '@steppingstones/shared';
import type { Kysely } from 'kysely';
import { NotFoundError } from '../errors.ts';
import { toDeliveryDto, toWebhookDto, type WebhookRow } from './webhook.mapper.ts';

const withEngagement = (db: Kysely<DB>) =>
  db
    .selectFrom('webhook')
    .leftJoin('engagement', 'engagement.id', 'webhook.engagement_id')
    .selectAll('webhook')
    .select('engagement.code as engagement_code');

/** Webhooks, optionally only those of some engagements (`'all'`: instance webhooks too). */
export async function listWebhooks(
  db: Kysely<DB>,
  engagementIds: number[] | 'all' = 'all',
): Promise<ListEnvelope<WebhookDto>> {
  let q = withEngagement(db).orderBy('webhook.id');
  if (engagementIds !== 'all')
    q = q.where('webhook.engagement_id', 'in', engagementIds.length ? engagementIds : [-1]);
  const rows = await q.execute();
  return { count: rows.length, next: null, previous: null, results: rows.map(toWebhookDto) };
}

export async function getWebhookRow(
  db: Kysely<DB>,
  id: number,
): Promise<WebhookRow & { engagement_code: string | null }> {
  const row = await withEngagement(db).where('webhook.id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('The webhook');
  return row;
}

export async function getWebhook(db: Kysely<DB>, id: number): Promise<WebhookDto> {
  return toWebhookDto(await getWebhookRow(db, id));
}

/** The delivery log of one webhook, newest first. */
export async function listDeliveries(
  db: Kysely<DB>,
  webhookId: number,
  options: { limit?: number; offset?: number } = {},
): Promise<ListEnvelope<WebhookDeliveryDto>> {
  await getWebhookRow(db, webhookId);
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
  const offset = Math.max(options.offset ?? 0, 0);
  const base = db.selectFrom('webhook_delivery').where('webhook_id', '=', webhookId);
  const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base.selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute();
  const total = Number(count.n);
  return {
    count: total,
    next: offset + limit < total ? `offset=${offset + limit}` : null,
    previous: offset > 0 ? `offset=${Math.max(0, offset - limit)}` : null,
    results: rows.map(toDeliveryDto),
  };
}
