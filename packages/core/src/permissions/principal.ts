import { ForbiddenError, NotFoundError } from '../errors.ts';
import type { PermissionCode } from './permission-catalogue.ts';

/**
 * Who is calling, read fresh from the database on every request (permissions are never cached in a
 * token or session). Every service that reads or writes engagement data takes one.
 */
export interface Principal {
  userId: number;
  username: string;
  isSuperuser: boolean;
  permissions: ReadonlySet<PermissionCode>;
  /** `'all'` for superusers, else the engagements the user is a member of. */
  engagementIds: readonly number[] | 'all';
  /** How the request authenticated; personal tokens may be scoped to fewer permissions. */
  via: 'session' | 'jwt' | 'api-token' | 'signed-url' | 'system';
}

export function hasPermission(principal: Principal, code: PermissionCode): boolean {
  return principal.isSuperuser || principal.permissions.has(code);
}

export function requirePermission(principal: Principal, code: PermissionCode): void {
  if (!hasPermission(principal, code))
    throw new ForbiddenError(`You need the ${code} permission to do this.`);
}

export function canAccessEngagement(principal: Principal, engagementId: number): boolean {
  return principal.engagementIds === 'all' || principal.engagementIds.includes(engagementId);
}

/**
 * A record of an engagement the user does not belong to answers 404, not 403: its existence is not
 * disclosed.
 */
export function requireEngagementAccess(
  principal: Principal,
  engagementId: number,
  what = 'The record',
): void {
  if (!canAccessEngagement(principal, engagementId)) throw new NotFoundError(what);
}

/** The principal for trusted internal work (CLI, worker): every permission, every engagement. */
export function systemPrincipal(username = 'system'): Principal {
  return {
    userId: 0,
    username,
    isSuperuser: true,
    permissions: new Set(),
    engagementIds: 'all',
    via: 'system',
  };
}

/** Whether the principal may do `code` with the data of engagement `engagementId`. */
export function hasEngagementPermission(
  principal: Principal,
  engagementId: number,
  code: PermissionCode,
): boolean {
  return canAccessEngagement(principal, engagementId) && hasPermission(principal, code);
}

/**
 * The check every service makes before touching an engagement's data: not a member is a 404 (the
 * engagement is not disclosed), a member without the permission a 403.
 */
export function requireEngagementPermission(
  principal: Principal,
  engagementId: number,
  code: PermissionCode,
  what = 'The record',
): void {
  requireEngagementAccess(principal, engagementId, what);
  if (!hasEngagementPermission(principal, engagementId, code))
    throw new ForbiddenError(`You need the ${code} permission in this engagement to do this.`);
}
