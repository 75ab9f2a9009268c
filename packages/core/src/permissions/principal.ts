import type { RoleSlug } from '@steppingstones/shared/roles';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import type { PermissionCode } from './permission-catalogue.ts';

/**
 * Who is calling, read fresh from the database on every request (permissions are never cached in a
 * token or session). Every service that reads or writes engagement data takes one and asks it "may
 * this user do X in engagement E" (`requireEngagementPermission`): a user's role in one engagement
 * says nothing about another.
 */
export interface Principal {
  userId: number;
  username: string;
  isSuperuser: boolean;
  /**
   * The codes held in at least one engagement (every code for a superuser): enough for menus and for
   * routes that list across engagements, never for touching one engagement's data.
   */
  permissions: ReadonlySet<PermissionCode>;
  /** `'all'` for superusers (and their tokens), else the engagements the user is a member of. */
  engagementIds: readonly number[] | 'all';
  /**
   * The codes held in each engagement (from the member's role there), keyed by engagement id. Absent:
   * `permissions` hold in each of `engagementIds` alike (a superuser's scoped token, trusted work).
   * A plain object so the principal crosses into worker threads unchanged.
   */
  grants?: Readonly<Record<number, readonly PermissionCode[]>>;
  /** The member's role in each engagement, keyed by engagement id. */
  roles?: Readonly<Record<number, RoleSlug>>;
  /** How the request authenticated; personal tokens may be scoped to fewer permissions. */
  via: 'session' | 'jwt' | 'api-token' | 'signed-url' | 'system';
}

/** Whether the principal holds `code` somewhere (any engagement, or as a superuser). */
export function hasPermission(principal: Principal, code: PermissionCode): boolean {
  return principal.isSuperuser || principal.permissions.has(code);
}

export function requirePermission(principal: Principal, code: PermissionCode): void {
  if (!hasPermission(principal, code))
    throw new ForbiddenError(`You need the ${code} permission to do this.`);
}

export function canAccessEngagement(principal: Principal, engagementId: number): boolean {
  return principal.engagementIds === 'all' || principal.engagementIds.includes(Number(engagementId));
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

/** The codes the principal holds in one engagement (none where it is not a member). */
export function permissionsIn(
  principal: Principal,
  engagementId: number,
): ReadonlySet<PermissionCode> | 'all' {
  if (!canAccessEngagement(principal, engagementId)) return new Set();
  if (principal.isSuperuser) return 'all';
  if (!principal.grants) return principal.permissions;
  return new Set(principal.grants[Number(engagementId)] ?? []);
}

/** The member's role in the engagement; null for a non-member, a superuser's own access or trusted work. */
export function roleIn(principal: Principal, engagementId: number): RoleSlug | null {
  return principal.roles?.[Number(engagementId)] ?? null;
}

/** Whether the principal may do `code` with the data of engagement `engagementId`. */
export function hasEngagementPermission(
  principal: Principal,
  engagementId: number,
  code: PermissionCode,
): boolean {
  const held = permissionsIn(principal, engagementId);
  return held === 'all' || held.has(code);
}

/**
 * The check every service makes before touching an engagement's data: not a member is a 404 (the
 * engagement is not disclosed), a member whose role there lacks the permission a 403.
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

/**
 * The engagements in which the principal holds `code` (`'all'`: every engagement), for queries that
 * read across engagements: a blue team member in A and an operator in B lists B's credentials only.
 */
export function engagementsWith(principal: Principal, code: PermissionCode): number[] | 'all' {
  if (principal.engagementIds === 'all' && (principal.isSuperuser || !principal.grants))
    return hasPermission(principal, code) ? 'all' : [];
  const ids =
    principal.engagementIds === 'all' ? Object.keys(principal.grants ?? {}) : principal.engagementIds;
  return ids.map(Number).filter((id) => hasEngagementPermission(principal, id, code));
}

/**
 * The principal as it stands in one engagement: its codes there, that engagement only. For work that
 * concerns one engagement and hands the principal on (report and export threads, plugin contexts), so a
 * plain `hasPermission` there answers for that engagement.
 */
export function principalInEngagement(principal: Principal, engagementId: number): Principal {
  if (principal.isSuperuser) return principal;
  const held = permissionsIn(principal, engagementId);
  const role = roleIn(principal, engagementId);
  return {
    userId: principal.userId,
    username: principal.username,
    isSuperuser: false,
    permissions: held === 'all' ? principal.permissions : held,
    engagementIds: canAccessEngagement(principal, engagementId) ? [Number(engagementId)] : [],
    ...(role ? { roles: { [Number(engagementId)]: role } } : {}),
    via: principal.via,
  };
}
