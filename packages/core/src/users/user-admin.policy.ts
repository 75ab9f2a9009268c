import type { DB, Tx } from '@steppingstones/db';
import type { Membership } from '@steppingstones/shared/roles';
import type { Kysely } from 'kysely';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { canAccessEngagement, hasEngagementPermission, type Principal } from '../permissions/index.ts';
import { engagementIdsByCode, type MembershipInput } from './membership.service.ts';
import { type UserRow, userMemberships } from './principal.queries.ts';

/**
 * Only a superuser grants or removes the superuser flag or touches a superuser's account: otherwise a
 * lead could make themselves (or take over) a superuser and reach every engagement.
 */
export function assertMayAdminister(
  principal: Principal,
  target: UserRow | null,
  change: { is_superuser?: boolean | undefined },
): void {
  if (principal.isSuperuser) return;
  if (change.is_superuser || (target && change.is_superuser === false && target.is_superuser))
    throw new ForbiddenError('Only a superuser can grant or remove the superuser flag.');
  if (target?.is_superuser) throw new ForbiddenError("Only a superuser can change a superuser's account.");
}

/** Whether the principal manages the members of the engagement (a lead there, or a superuser). */
export function managesEngagement(principal: Principal, engagementId: number): boolean {
  return hasEngagementPermission(principal, engagementId, 'user.admin');
}

/**
 * A user the caller may see: a superuser sees everyone; anyone else only users who share an engagement
 * with them (404 otherwise, so the account is not disclosed).
 */
export async function requireVisibleUser(
  tx: Tx | Kysely<DB>,
  principal: Principal,
  target: UserRow,
): Promise<void> {
  if (principal.isSuperuser) return;
  const memberships = await userMemberships(tx, Number(target.id));
  if (!memberships.some((m) => canAccessEngagement(principal, m.engagementId)))
    throw new NotFoundError('The user');
}

/**
 * Resetting a password or deactivating takes over an account, so a lead may do it only to a user whose
 * every membership is in engagements the lead leads, and never to a superuser or another lead: a user
 * they share no engagement with is a 404, any other refusal a 403.
 */
export async function requireAccountControl(
  tx: Tx | Kysely<DB>,
  principal: Principal,
  target: UserRow,
): Promise<void> {
  if (principal.isSuperuser) return;
  await requireVisibleUser(tx, principal, target);
  if (target.is_superuser) throw new ForbiddenError("Only a superuser can change a superuser's account.");
  const memberships = await userMemberships(tx, Number(target.id));
  if (memberships.some((m) => m.role === 'lead'))
    throw new ForbiddenError('Only a superuser can reset or deactivate an Engagement Lead.');
  if (!memberships.every((m) => managesEngagement(principal, m.engagementId)))
    throw new ForbiddenError(
      'This user also belongs to an engagement you do not lead; ask a superuser to change their account.',
    );
}

/**
 * Resolves memberships by engagement code. An engagement the caller does not manage is reported as
 * unknown when they cannot see it, and refused when they can (they are a member but not its lead).
 */
export async function manageableMemberships(
  tx: Tx,
  principal: Principal,
  memberships: readonly Membership[],
): Promise<MembershipInput[]> {
  const ids = await engagementIdsByCode(
    tx,
    memberships.map((m) => m.engagement),
    'memberships',
  );
  const hidden = memberships.filter((_, i) => !canAccessEngagement(principal, ids[i] ?? -1));
  if (hidden.length)
    throw ValidationError.field(
      'memberships',
      `No such engagement: ${hidden.map((m) => m.engagement).join(', ')}`,
    );
  const notLed = memberships.filter((_, i) => !managesEngagement(principal, ids[i] ?? -1));
  if (notLed.length)
    throw new ForbiddenError(
      `Only a lead of ${notLed.map((m) => m.engagement).join(', ')} (or a superuser) manages its members.`,
    );
  return memberships.map((m, i) => ({ engagementId: ids[i] as number, role: m.role }));
}
