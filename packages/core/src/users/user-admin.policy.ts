import type { Tx } from '@steppingstones/db';
import { ForbiddenError, ValidationError } from '../errors.ts';
import { canAccessEngagement, type Principal } from '../permissions/index.ts';
import { engagementIdsByCode } from './membership.service.ts';
import type { UserRow } from './principal.queries.ts';

/**
 * `user.admin` manages ordinary accounts. Only a superuser grants or removes the superuser flag or
 * touches a superuser's account: otherwise a user admin could make themselves (or take over) a
 * superuser and reach every engagement.
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

/**
 * The engagement ids an admin may hand out: ones they can see. An engagement they cannot see is
 * reported as unknown, exactly like one that does not exist.
 */
export async function visibleEngagementIds(
  tx: Tx,
  principal: Principal,
  codes: readonly string[],
): Promise<number[]> {
  const ids = await engagementIdsByCode(tx, codes);
  const hidden = codes.filter((_, i) => !canAccessEngagement(principal, ids[i] ?? -1));
  if (hidden.length) throw ValidationError.field('engagements', `No such engagement: ${hidden.join(', ')}`);
  return ids;
}
