import { NotFoundError } from '../errors.ts';
import { canAccessEngagement, type Principal, requireEngagementPermission } from '../permissions/index.ts';
import type { ServiceContext } from '../service-context.ts';

async function eventForPresence(ctx: ServiceContext, principal: Principal, eventId: number) {
  const row = await ctx.db
    .selectFrom('event')
    .select(['engagement_id'])
    .where('id', '=', eventId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  // Another engagement's event is not found, like everywhere else.
  if (!row || !canAccessEngagement(principal, Number(row.engagement_id)))
    throw new NotFoundError('The event');
  const engagementId = Number(row.engagement_id);
  // Every role that may open an edit form holds it (operators and leads too, the blue team's limited writers).
  requireEngagementPermission(principal, engagementId, 'event.change_limited', 'The event');
  return engagementId;
}

function actor(ctx: ServiceContext): Principal {
  if (!ctx.principal) throw new NotFoundError('The event');
  return ctx.principal;
}

/** The heartbeat of an open edit form: the user is editing the event now (kept for PRESENCE_TTL_MS). */
export async function markEditing(ctx: ServiceContext, eventId: number): Promise<void> {
  const principal = actor(ctx);
  const engagementId = await eventForPresence(ctx, principal, eventId);
  const now = ctx.clock.now();
  await ctx.db
    .insertInto('event_presence')
    .values({
      event_id: eventId,
      user_id: principal.userId,
      engagement_id: engagementId,
      since: now,
      seen_at: now,
    })
    .onConflict((oc) => oc.columns(['event_id', 'user_id']).doUpdateSet({ seen_at: now }))
    .execute();
}

/** The form closed (saved, cancelled, discarded): the user is no longer shown as editing. */
export async function stopEditing(ctx: ServiceContext, eventId: number): Promise<void> {
  const principal = actor(ctx);
  await eventForPresence(ctx, principal, eventId);
  await ctx.db
    .deleteFrom('event_presence')
    .where('event_id', '=', eventId)
    .where('user_id', '=', principal.userId)
    .execute();
}
