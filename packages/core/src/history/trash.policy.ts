import { TRASH_PERMISSIONS } from '@steppingstones/shared/history';
import { hasPermission, type Principal, requirePermission } from '../permissions/index.ts';

/** Whether the principal may list the trash and recover deleted events (see TRASH_PERMISSIONS). */
export function canUseTrash(principal: Principal): boolean {
  return TRASH_PERMISSIONS.every((code) => hasPermission(principal, code));
}

/** 403 naming the first missing code, so the message says what to ask an administrator for. */
export function requireTrashAccess(principal: Principal): void {
  for (const code of TRASH_PERMISSIONS) requirePermission(principal, code);
}
