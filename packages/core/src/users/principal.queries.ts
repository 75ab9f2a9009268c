import type { AppUserTable, DB, Tx } from '@steppingstones/db';
import { parseRole, ROLE_PERMISSIONS, type RoleSlug } from '@steppingstones/shared/roles';
import type { Kysely, Selectable } from 'kysely';
import {
  isPermissionCode,
  PERMISSION_CODES,
  type PermissionCode,
  type Principal,
} from '../permissions/index.ts';

export type UserRow = Selectable<AppUserTable>;

export interface MembershipRow {
  engagementId: number;
  code: string;
  role: RoleSlug;
}

/** A user's memberships with their roles (an unknown stored role reads as the least privileged). */
export async function userMemberships(db: Kysely<DB> | Tx, userId: number): Promise<MembershipRow[]> {
  const rows = await db
    .selectFrom('engagement_member as m')
    .innerJoin('engagement as e', 'e.id', 'm.engagement_id')
    .select(['m.engagement_id', 'm.role', 'e.code'])
    .where('m.user_id', '=', userId)
    .orderBy('e.code')
    .execute();
  return rows.map((r) => ({
    engagementId: Number(r.engagement_id),
    code: r.code,
    role: parseRole(r.role) ?? 'blue-read-only',
  }));
}

/** The codes a user holds somewhere: every code for a superuser, else the union of their roles'. */
export async function effectivePermissions(db: Kysely<DB> | Tx, user: UserRow): Promise<Set<PermissionCode>> {
  if (user.is_superuser) return new Set(PERMISSION_CODES);
  const memberships = await userMemberships(db, Number(user.id));
  return new Set(memberships.flatMap((m) => ROLE_PERMISSIONS[m.role]));
}

export async function memberEngagementIds(db: Kysely<DB> | Tx, userId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('engagement_member')
    .select('engagement_id')
    .where('user_id', '=', userId)
    .execute();
  return rows.map((r) => Number(r.engagement_id));
}

export async function activeUserById(db: Kysely<DB> | Tx, userId: number): Promise<UserRow | undefined> {
  return db
    .selectFrom('app_user')
    .selectAll()
    .where('id', '=', userId)
    .where('is_active', '=', 1)
    .executeTakeFirst();
}

/** What narrows a personal token: permission codes, and the engagement ids it is limited to (null = all). */
export interface TokenScope {
  permissions: readonly string[];
  engagementIds?: readonly number[] | null;
}

/**
 * Builds the principal of an active user from the database (never from a token or cache), so a change of
 * role, membership or superuser flag applies on the next request. `scope` narrows a personal token: it
 * never holds more than its owner, nor the superuser's "every code" shortcut.
 */
export async function principalForUser(
  db: Kysely<DB> | Tx,
  user: UserRow,
  via: Principal['via'],
  scope?: TokenScope | readonly string[],
): Promise<Principal> {
  const tokenScope: TokenScope | undefined = Array.isArray(scope)
    ? { permissions: scope as readonly string[] }
    : (scope as TokenScope | undefined);
  const allowedCodes = tokenScope ? new Set(tokenScope.permissions) : null;
  const allowedEngagements = tokenScope?.engagementIds ? new Set(tokenScope.engagementIds.map(Number)) : null;
  const keep = (codes: readonly PermissionCode[]) =>
    allowedCodes ? codes.filter((c) => allowedCodes.has(c)) : [...codes];
  const base = { userId: Number(user.id), username: user.username, via };
  if (user.is_superuser && !tokenScope) {
    // Every code everywhere; the roles only say where they are a member (shown in /auth/me).
    const roles = Object.fromEntries(
      (await userMemberships(db, Number(user.id))).map((m) => [m.engagementId, m.role]),
    );
    return {
      ...base,
      isSuperuser: true,
      permissions: new Set(PERMISSION_CODES),
      engagementIds: 'all',
      roles,
    };
  }
  if (user.is_superuser && !allowedEngagements) {
    // A superuser's scoped token: the same codes in every engagement.
    return {
      ...base,
      isSuperuser: false,
      permissions: new Set(keep(PERMISSION_CODES).filter(isPermissionCode)),
      engagementIds: 'all',
    };
  }
  const grants: Record<number, PermissionCode[]> = {};
  const roles: Record<number, RoleSlug> = {};
  if (user.is_superuser) {
    for (const id of allowedEngagements ?? []) grants[id] = keep(PERMISSION_CODES);
  } else {
    for (const m of await userMemberships(db, Number(user.id))) {
      if (allowedEngagements && !allowedEngagements.has(m.engagementId)) continue;
      grants[m.engagementId] = keep(ROLE_PERMISSIONS[m.role]);
      roles[m.engagementId] = m.role;
    }
  }
  const engagementIds = Object.keys(grants).map(Number);
  return {
    ...base,
    isSuperuser: false,
    permissions: new Set(Object.values(grants).flat()),
    engagementIds,
    grants,
    roles,
  };
}
