import type { DB, Tx } from '@steppingstones/db';
import { type Me, type Theme, toIsoUtc, type UserDto } from '@steppingstones/shared';
import type { Kysely } from 'kysely';
import { NotFoundError } from '../errors.ts';
import type { Principal } from '../permissions/index.ts';
import type { UserRow } from './principal.queries.ts';

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

async function groupNames(db: Kysely<DB> | Tx, userId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('user_group_member as m')
    .innerJoin('user_group as g', 'g.id', 'm.group_id')
    .select('g.name')
    .where('m.user_id', '=', userId)
    .orderBy('g.name')
    .execute();
  return rows.map((r) => r.name);
}

/** What the web shell needs about the signed-in user. */
export async function buildMe(db: Kysely<DB>, user: UserRow, principal: Principal): Promise<Me> {
  let q = db
    .selectFrom('engagement')
    .select(['id', 'code', 'name', 'archived'])
    .orderBy('start_date', 'desc')
    .orderBy('id', 'desc');
  if (principal.engagementIds !== 'all') {
    q = q.where('id', 'in', principal.engagementIds.length ? principal.engagementIds : [-1]);
  }
  const engagements = await q.execute();
  const current = engagements.find((e) => Number(e.id) === Number(user.current_engagement_id));
  return {
    id: Number(user.id),
    username: user.username,
    display_name: user.display_name,
    is_superuser: Boolean(user.is_superuser),
    permissions: [...principal.permissions].sort(),
    groups: await groupNames(db, Number(user.id)),
    timezone: user.timezone,
    theme: (['auto', 'light', 'dark'].includes(user.theme) ? user.theme : 'auto') as Theme,
    current_engagement: current?.code ?? null,
    engagements: engagements.map((e) => ({ code: e.code, name: e.name, archived: Boolean(e.archived) })),
  };
}

/** `viewer` limits the engagements listed to the ones the viewer can see (codes are not disclosed). */
export async function toUserDto(db: Kysely<DB> | Tx, user: UserRow, viewer?: Principal): Promise<UserDto> {
  let q = db
    .selectFrom('engagement_member as m')
    .innerJoin('engagement as e', 'e.id', 'm.engagement_id')
    .select('e.code')
    .where('m.user_id', '=', user.id);
  if (viewer && viewer.engagementIds !== 'all')
    q = q.where('e.id', 'in', viewer.engagementIds.length ? [...viewer.engagementIds] : [-1]);
  const engagements = await q.orderBy('e.code').execute();
  return {
    id: Number(user.id),
    username: user.username,
    display_name: user.display_name,
    is_active: Boolean(user.is_active),
    is_superuser: Boolean(user.is_superuser),
    groups: await groupNames(db, Number(user.id)),
    engagements: engagements.map((e) => e.code),
    last_login_at: user.last_login_at === null ? null : toIsoUtc(Number(user.last_login_at)),
    created_at: toIsoUtc(Number(user.created_at)),
  };
}

export async function listUsers(db: Kysely<DB>, viewer?: Principal): Promise<UserDto[]> {
  const rows = await db.selectFrom('app_user').selectAll().orderBy('username_key').execute();
  return Promise.all(rows.map((r) => toUserDto(db, r, viewer)));
}

export async function getUserRow(db: Kysely<DB> | Tx, id: number): Promise<UserRow> {
  const row = await db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('The user');
  return row;
}

export async function listGroups(
  db: Kysely<DB>,
): Promise<Array<{ id: number; name: string; permissions: string[] }>> {
  const groups = await db.selectFrom('user_group').selectAll().orderBy('name').execute();
  const perms = await db.selectFrom('group_permission').selectAll().orderBy('code').execute();
  return groups.map((g) => ({
    id: Number(g.id),
    name: g.name,
    permissions: perms.filter((p) => Number(p.group_id) === Number(g.id)).map((p) => p.code),
  }));
}
