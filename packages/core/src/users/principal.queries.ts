import type { AppUserTable, DB, Tx } from '@steppingstones/db';
import type { Kysely, Selectable } from 'kysely';
import {
  isPermissionCode,
  PERMISSION_CODES,
  type PermissionCode,
  type Principal,
} from '../permissions/index.ts';

export type UserRow = Selectable<AppUserTable>;

/** The effective permission codes of a user: every code for a superuser, else the union of their groups. */
export async function effectivePermissions(db: Kysely<DB> | Tx, user: UserRow): Promise<Set<PermissionCode>> {
  if (user.is_superuser) return new Set(PERMISSION_CODES);
  const rows = await db
    .selectFrom('user_group_member as m')
    .innerJoin('group_permission as p', 'p.group_id', 'm.group_id')
    .select('p.code')
    .where('m.user_id', '=', user.id)
    .execute();
  return new Set(rows.map((r) => r.code).filter(isPermissionCode));
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

/**
 * Builds the principal of an active user from the database (never from a token or cache), so a change of
 * groups, membership or superuser flag applies on the next request. `scope` narrows a personal token.
 */
export async function principalForUser(
  db: Kysely<DB> | Tx,
  user: UserRow,
  via: Principal['via'],
  scope?: readonly string[],
): Promise<Principal> {
  const permissions = await effectivePermissions(db, user);
  const engagementIds = user.is_superuser ? 'all' : await memberEngagementIds(db, user.id);
  if (scope) {
    // A scoped token never holds more than its owner, nor the superuser's "every code" shortcut.
    const allowed = new Set(scope);
    return {
      userId: Number(user.id),
      username: user.username,
      isSuperuser: false,
      permissions: new Set([...permissions].filter((c) => allowed.has(c))),
      engagementIds,
      via,
    };
  }
  return {
    userId: Number(user.id),
    username: user.username,
    isSuperuser: Boolean(user.is_superuser),
    permissions,
    engagementIds,
    via,
  };
}
