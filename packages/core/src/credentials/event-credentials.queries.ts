import type { CredentialListQuery } from '@steppingstones/shared/credentials';
import type { AuditActor } from '../audit/index.ts';
import { eventEngagementId } from '../events/event.queries.ts';
import type { Principal } from '../permissions/index.ts';
import type { ServiceContext } from '../service-context.ts';
import { type CredentialPage, listCredentials } from './credential.queries.ts';

/**
 * The credentials an event produced (from its tool output), as the vault lists them: a live event of
 * an engagement the caller belongs to (else 404), and `credential.view` there (blue team roles: 403).
 */
export async function listEventCredentials(
  ctx: ServiceContext,
  principal: Principal,
  eventId: number,
  query: Omit<CredentialListQuery, 'engagement' | 'event'>,
  actor?: AuditActor,
): Promise<CredentialPage> {
  const { db } = ctx;
  const engagementId = await eventEngagementId(db, principal, eventId);
  const engagement = await db
    .selectFrom('engagement')
    .select('code')
    .where('id', '=', engagementId)
    .executeTakeFirstOrThrow();
  return listCredentials(ctx, principal, { ...query, engagement: engagement.code, event: eventId }, actor);
}
