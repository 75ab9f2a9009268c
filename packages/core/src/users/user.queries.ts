import type { DB, Tx } from '@steppingstones/db';
import {
  type Me,
  ROLE_NAMES,
  ROLE_PERMISSIONS,
  ROLE_SLUGS,
  type RoleDto,
  type Theme,
  toIsoUtc,
  type UserDto,
} from '@steppingstones/shared';
import type { Kysely } from 'kysely';
import { NotFoundError } from '../errors.ts';
import {
  canAccessEngagement,
  engagementsWith,
  PERMISSION_CODES,
  type Principal,
  permissionsIn,
  roleIn,
} from '../permissions/index.ts';
import { type UserRow, userMemberships } from './principal.queries.ts';

export async function findUserByUsername(
  db: Kysely<DB> | Tx,
  username: string,
): Promise<UserRow | undefined> {
  return db
    .selectFrom('app_user')
    .selectAll()
    .where('username_key', '=', username.trim().toLowerCase())
    .executeTakeFirst();
}

export async function userCount(db: Kysely<DB> | Tx): Promise<number> {
  const row = await db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** What the web shell needs about the signed-in user: each engagement with their role and codes in it. */
export async function buildMe(db: Kysely<DB>, user: UserRow, principal: Principal): Promise<Me> {
  let q = db
    .selectFrom('engagement')
    .select(['id', 'code', 'name', 'archived'])
    .orderBy('start_date', 'desc')
    .orderBy('id', 'desc');
  if (principal.engagementIds !== 'all') {
    q = q.where('id', 'in', principal.engagementIds.length ? [...principal.engagementIds] : [-1]);
  }
  const engagements = await q.execute();
  const current = engagements.find((e) => Number(e.id) === Number(user.current_engagement_id));
  const codesIn = (id: number) => {
    const held = permissionsIn(principal, id);
    return held === 'all' ? [...PERMISSION_CODES].sort() : [...held].sort();
  };
  return {
    id: Number(user.id),
    username: user.username,
    display_name: user.display_name,
    is_superuser: Boolean(user.is_superuser),
    permissions: [...principal.permissions].sort(),
    timezone: user.timezone,
    theme: (['auto', 'light', 'dark'].includes(user.theme) ? user.theme : 'auto') as Theme,
    current_engagement: current?.code ?? null,
    engagements: engagements.map((e) => ({
      code: e.code,
      name: e.name,
      archived: Boolean(e.archived),
      role: roleIn(principal, Number(e.id)),
      permissions: codesIn(Number(e.id)),
    })),
  };
}

/** `viewer` limits the memberships listed to the engagements the viewer belongs to (codes are not disclosed). */
export async function toUserDto(db: Kysely<DB> | Tx, user: UserRow, viewer?: Principal): Promise<UserDto> {
  const memberships = (await userMemberships(db, Number(user.id))).filter(
    (m) => !viewer || canAccessEngagement(viewer, m.engagementId),
  );
  return {
    id: Number(user.id),
    username: user.username,
    display_name: user.display_name,
    is_active: Boolean(user.is_active),
    is_superuser: Boolean(user.is_superuser),
    memberships: memberships.map((m) => ({ engagement: m.code, role: m.role })),
    last_login_at: user.last_login_at === null ? null : toIsoUtc(Number(user.last_login_at)),
    created_at: toIsoUtc(Number(user.created_at)),
  };
}

/**
 * Every account for a superuser; for a lead, the users who belong to an engagement the lead manages
 * (users elsewhere are not disclosed).
 */
export async function listUsers(db: Kysely<DB>, viewer?: Principal): Promise<UserDto[]> {
  let q = db.selectFrom('app_user').selectAll().orderBy('username_key');
  if (viewer && !viewer.isSuperuser) {
    const managed = engagementsWith(viewer, 'user.admin');
    if (managed !== 'all')
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('engagement_member as m')
            .select('m.user_id')
            .whereRef('m.user_id', '=', 'app_user.id')
            .where('m.engagement_id', 'in', managed.length ? managed : [-1]),
        ),
      );
  }
  const rows = await q.execute();
  return Promise.all(rows.map((r) => toUserDto(db, r, viewer)));
}

export async function getUserRow(db: Kysely<DB> | Tx, id: number): Promise<UserRow> {
  const row = await db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('The user');
  return row;
}

/** The roles and the codes each grants in its engagement (read-only: they are constants). */
export function listRoles(): RoleDto[] {
  return ROLE_SLUGS.map((slug) => ({
    slug,
    name: ROLE_NAMES[slug],
    permissions: [...ROLE_PERMISSIONS[slug]],
  }));
}
