import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import { NotFoundError, ValidationError } from '../errors.ts';
import { engagementsWith, type Principal, requireEngagementPermission } from '../permissions/index.ts';

/**
 * A webhook belongs to one engagement (it receives only that engagement's messages; its leads manage
 * it) or to the instance (every engagement's messages; superusers only). Anything else is a 404.
 */
export async function requireWebhookAccess(db: Kysely<DB>, principal: Principal, id: number): Promise<void> {
  if (principal.isSuperuser) return;
  const row = await db.selectFrom('webhook').select('engagement_id').where('id', '=', id).executeTakeFirst();
  if (!row || row.engagement_id === null) throw new NotFoundError('The webhook');
  requireEngagementPermission(principal, Number(row.engagement_id), 'webhook.admin', 'The webhook');
}

/** The engagements whose webhooks the principal manages (`'all'`: every webhook, a superuser). */
export function webhookScope(principal: Principal): number[] | 'all' {
  if (principal.isSuperuser) return 'all';
  const ids = engagementsWith(principal, 'webhook.admin');
  return ids === 'all' ? [] : ids;
}

/**
 * The engagement a new webhook belongs to: the code given (where the caller must hold
 * `webhook.admin`), or none for an instance webhook, which only a superuser creates.
 */
export async function webhookEngagementId(
  db: Kysely<DB>,
  principal: Principal,
  code: string | undefined,
): Promise<number | null> {
  if (code === undefined || code === null) {
    if (principal.isSuperuser) return null;
    throw ValidationError.field(
      'engagement',
      'is required: name the engagement whose messages the webhook receives (an instance webhook is a superuser’s)',
    );
  }
  const row = await db.selectFrom('engagement').select('id').where('code', '=', code).executeTakeFirst();
  if (!row) throw ValidationError.field('engagement', `No such engagement: ${code}`);
  requireEngagementPermission(principal, Number(row.id), 'webhook.admin', 'The engagement');
  return Number(row.id);
}
