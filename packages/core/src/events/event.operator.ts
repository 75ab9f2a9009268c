import type { Tx } from '@steppingstones/db';
import { ValidationError } from '../errors.ts';
import { WRITER_ROLES } from '../users/engagement-members.ts';

/**
 * The operator of an event: an active user who records events in the engagement (a member whose role
 * there writes events, not the client's blue team; or a superuser, who may be operator anywhere).
 * The API names users by username; usernames are unique case-insensitively.
 */
export async function resolveOperator(tx: Tx, engagementId: number, username: string): Promise<number> {
  const user = await tx
    .selectFrom('app_user')
    .select(['id', 'is_superuser', 'is_active'])
    .where('username_key', '=', username.trim().toLowerCase())
    .executeTakeFirst();
  if (user?.is_active) {
    if (user.is_superuser) return Number(user.id);
    const member = await tx
      .selectFrom('engagement_member')
      .select('user_id')
      .where('engagement_id', '=', engagementId)
      .where('user_id', '=', user.id)
      .where('role', 'in', WRITER_ROLES)
      .executeTakeFirst();
    if (member) return Number(user.id);
  }
  throw ValidationError.field(
    'operator',
    `No active user "${username}" who records events in this engagement (a lead or operator here).`,
  );
}
