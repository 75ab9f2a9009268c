import { TRASH_PERMISSIONS } from '@steppingstones/shared/history';
import {
  hasEngagementPermission,
  hasPermission,
  type Principal,
  requireEngagementPermission,
  requirePermission,
} from '../permissions/index.ts';

/**
 * Whether the principal may list the trash and recover deleted events (see TRASH_PERMISSIONS) in the
 * engagement (its lead, or a superuser); without one, in some engagement.
 */
export function canUseTrash(principal: Principal, engagementId?: number): boolean {
  return TRASH_PERMISSIONS.every((code) =>
    engagementId === undefined
      ? hasPermission(principal, code)
      : hasEngagementPermission(principal, engagementId, code),
  );
}

/** 403 naming the first missing code, so the message says what to ask an administrator for. */
export function requireTrashAccess(principal: Principal, engagementId?: number): void {
  for (const code of TRASH_PERMISSIONS)
    if (engagementId === undefined) requirePermission(principal, code);
    else requireEngagementPermission(principal, engagementId, code, 'The engagement');
}
