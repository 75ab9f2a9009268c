import { jsonNumber, type Tx } from '@steppingstones/db';
import { DELIVER_TASK } from './webhook-fanout.ts';

/**
 * Deletes the webhook delivery jobs (queued, retrying, or done and not yet pruned) whose message is
 * about one of the engagement's outbox rows: each carries its message, event descriptions included, so
 * a purged engagement must not live on in them. Run before the outbox rows go (they name the jobs).
 */
export async function deleteWebhookJobsOfEngagement(tx: Tx, engagementId: number): Promise<number> {
  const domainEventId = jsonNumber(tx, 'payload', 'domainEventId');
  const deleted = await tx
    .deleteFrom('job')
    .where('task', '=', DELIVER_TASK)
    .where(domainEventId, 'in', (eb) =>
      eb.selectFrom('domain_event').select('id').where('engagement_id', '=', engagementId),
    )
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}
