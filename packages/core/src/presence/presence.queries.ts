import { toIsoUtc } from '@steppingstones/shared';
import type { EventPresenceDto } from '@steppingstones/shared/events';
import { engagementByCode } from '../events/engagement-choice.ts';
import { type Principal, requireEngagementPermission } from '../permissions/index.ts';
import type { ServiceContext } from '../service-context.ts';

/**
 * A form sends a heartbeat every few seconds; one not heard from for this long has closed (a crashed
 * tab, a lost connection), so nobody is shown editing forever.
 */
export const PRESENCE_TTL_MS = 30_000;

/** Who is editing which event of the engagement right now (for those who may read its events). */
export async function listEditing(
  ctx: ServiceContext,
  principal: Principal,
  engagementCode: string,
): Promise<EventPresenceDto[]> {
  const engagement = await engagementByCode(ctx.db, principal, engagementCode);
  requireEngagementPermission(principal, engagement.id, 'event.view', 'The engagement');
  const rows = await ctx.db
    .selectFrom('event_presence')
    .innerJoin('app_user', 'app_user.id', 'event_presence.user_id')
    .innerJoin('event', 'event.id', 'event_presence.event_id')
    .select(['event_presence.event_id', 'event_presence.since', 'app_user.username', 'app_user.display_name'])
    .where('event_presence.engagement_id', '=', engagement.id)
    .where('event_presence.seen_at', '>', ctx.clock.now() - PRESENCE_TTL_MS)
    .where('event.deleted_at', 'is', null)
    .orderBy('event_presence.since')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    event_id: Number(r.event_id),
    username: r.username,
    display_name: r.display_name || r.username,
    since: toIsoUtc(Number(r.since)),
  }));
}
