import { TRASH_PERMISSIONS } from '@steppingstones/shared/history';
import { ForbiddenError } from '../errors.ts';
import {
  hasEngagementPermission,
  hasPermission,
  type Principal,
  requireEngagementPermission,
  requirePermission,
} from '../permissions/index.ts';

/**
 * Whether the principal may see the whole trash and recover anyone's deleted events (see
 * TRASH_PERMISSIONS) in the engagement (its lead, or a superuser); without one, in some engagement.
 */
export function canUseTrash(principal: Principal, engagementId?: number): boolean {
  return TRASH_PERMISSIONS.every((code) =>
    engagementId === undefined
      ? hasPermission(principal, code)
      : hasEngagementPermission(principal, engagementId, code),
  );
}

/**
 * Whoever may delete events may open the trash: an operator sees and recovers what they deleted
 * themselves (an undo that outlives the toast), the engagement's lead everything. 403 without
 * `event.delete` (in the engagement, when given).
 */
export function requireOwnTrashAccess(principal: Principal, engagementId?: number): void {
  if (engagementId === undefined) requirePermission(principal, 'event.delete');
  else requireEngagementPermission(principal, engagementId, 'event.delete', 'The engagement');
}

/** 403 unless the principal may recover this deleted event: their own deletion, or a lead's trash. */
export function requireRecoverAccess(
  principal: Principal,
  engagementId: number,
  deletedBy: number | null,
): void {
  requireOwnTrashAccess(principal, engagementId);
  if (canUseTrash(principal, engagementId)) return;
  if (deletedBy === null || deletedBy !== principal.userId)
    throw new ForbiddenError(
      'Only the engagement’s lead can recover an event someone else deleted (it needs event.delete and engagement.change).',
    );
}
