import { type DB, writeTransaction } from '@steppingstones/db';
import {
  type WebhookCreate,
  type WebhookDto,
  type WebhookUpdate,
  webhookCreateSchema,
  webhookUpdateSchema,
} from '@steppingstones/shared';
import type { Kysely } from 'kysely';
import { NotFoundError } from '../errors.ts';
import type { ClockedHandle } from '../service-context.ts';
import { parseOrThrow } from '../zod-errors.ts';
import { toWebhookDto } from './webhook.mapper.ts';

export async function createWebhook(
  ctx: ClockedHandle,
  input: WebhookCreate,
  actor: { userId: number | null } = { userId: null },
  /** The engagement it belongs to (checked by the caller); null = an instance webhook. */
  engagementId: number | null = null,
): Promise<WebhookDto> {
  const data = parseOrThrow(webhookCreateSchema, input);
  const { db } = ctx;
  const now = ctx.clock.now();
  const row = await writeTransaction(db, (tx) =>
    tx
      .insertInto('webhook')
      .values({
        url: data.url,
        engagement_id: engagementId,
        secret: data.secret,
        types: JSON.stringify([...new Set(data.types)]),
        enabled: data.enabled ? 1 : 0,
        created_by: actor.userId && actor.userId > 0 ? actor.userId : null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
  const code = engagementId === null ? null : await engagementCode(db, engagementId);
  return toWebhookDto({ ...row, engagement_code: code });
}

async function engagementCode(db: Kysely<DB>, id: number): Promise<string | null> {
  const row = await db.selectFrom('engagement').select('code').where('id', '=', id).executeTakeFirst();
  return row?.code ?? null;
}

/** Changes only what is given; `secret: ""` removes the secret, an omitted secret keeps it. */
export async function updateWebhook(
  ctx: ClockedHandle,
  id: number,
  input: WebhookUpdate,
): Promise<WebhookDto> {
  const { db } = ctx;
  const data = parseOrThrow(webhookUpdateSchema, input);
  const row = await writeTransaction(db, (tx) =>
    tx
      .updateTable('webhook')
      .set({
        ...(data.url !== undefined ? { url: data.url } : {}),
        ...(data.secret !== undefined ? { secret: data.secret } : {}),
        ...(data.types !== undefined ? { types: JSON.stringify([...new Set(data.types)]) } : {}),
        ...(data.enabled !== undefined ? { enabled: data.enabled ? 1 : 0 } : {}),
        updated_at: ctx.clock.now(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst(),
  );
  if (!row) throw new NotFoundError('The webhook');
  const code = row.engagement_id === null ? null : await engagementCode(db, Number(row.engagement_id));
  return toWebhookDto({ ...row, engagement_code: code });
}

/** Deletes a webhook and its delivery log; queued deliveries find it gone and stop. */
export async function deleteWebhook(ctx: ClockedHandle, id: number): Promise<void> {
  const result = await writeTransaction(ctx.db, (tx) =>
    tx.deleteFrom('webhook').where('id', '=', id).executeTakeFirst(),
  );
  if (Number(result.numDeletedRows) === 0) throw new NotFoundError('The webhook');
}
