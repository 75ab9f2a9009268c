import { writeTransaction } from '@steppingstones/db';
import { NotFoundError } from '../errors.ts';
import { appendDomainEvent } from '../outbox/index.ts';
import { canAccessEngagement, type Principal, requireEngagementPermission } from '../permissions/index.ts';
import { inTransaction, type ServiceContext } from '../service-context.ts';
import { PRESENCE_TTL_MS } from './presence.queries.ts';

/**
 * The live message of a presence change (a form opened or closed): ids only, like every live message;
 * grids and forms refetch the list. Not `event.*`: the grid's rows did not change.
 */
export const PRESENCE_CHANGED = 'presence.changed';

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

/**
 * The heartbeat of an open edit form: the user is editing the event now (kept for PRESENCE_TTL_MS).
 * Teammates hear of it over the live stream when the form opens (or comes back after going silent);
 * a heartbeat that only keeps it alive announces nothing.
 */
export async function markEditing(ctx: ServiceContext, principal: Principal, eventId: number): Promise<void> {
  const engagementId = await eventForPresence(ctx, principal, eventId);
  const now = ctx.clock.now();
  await writeTransaction(ctx.db, async (tx) => {
    const before = await tx
      .selectFrom('event_presence')
      .select('seen_at')
      .where('event_id', '=', eventId)
      .where('user_id', '=', principal.userId)
      .executeTakeFirst();
    const shown = before !== undefined && Number(before.seen_at) > now - PRESENCE_TTL_MS;
    await tx
      .insertInto('event_presence')
      .values({
        event_id: eventId,
        user_id: principal.userId,
        engagement_id: engagementId,
        since: now,
        seen_at: now,
      })
      // A form back after going silent starts a new stay.
      .onConflict((oc) =>
        oc
          .columns(['event_id', 'user_id'])
          .doUpdateSet(shown ? { seen_at: now } : { since: now, seen_at: now }),
      )
      .execute();
    if (!shown) await announce(inTransaction(ctx, tx), principal, engagementId, eventId);
  });
}

/** The form closed (saved, cancelled, discarded): the user is no longer shown as editing. */
export async function stopEditing(ctx: ServiceContext, principal: Principal, eventId: number): Promise<void> {
  const engagementId = await eventForPresence(ctx, principal, eventId);
  await writeTransaction(ctx.db, async (tx) => {
    const gone = await tx
      .deleteFrom('event_presence')
      .where('event_id', '=', eventId)
      .where('user_id', '=', principal.userId)
      .executeTakeFirst();
    if (Number(gone.numDeletedRows) > 0)
      await announce(inTransaction(ctx, tx), principal, engagementId, eventId);
  });
}

function announce(ctx: ServiceContext, principal: Principal, engagementId: number, eventId: number) {
  return appendDomainEvent(ctx, {
    type: PRESENCE_CHANGED,
    engagementId,
    actorUserId: principal.userId || null,
    payload: { eventId },
  });
}
