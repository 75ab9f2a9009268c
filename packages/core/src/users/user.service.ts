import { type DB, isUniqueViolation, nowMs, type Tx, writeTransaction } from '@steppingstones/db';
import { type UserDto, userCreateSchema, userUpdateSchema } from '@steppingstones/shared';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { type AuditActor, recordAudit } from '../audit/index.ts';
import { ValidationError } from '../errors.ts';
import { canAccessEngagement, type Principal } from '../permissions/index.ts';
import { parseOrThrow } from '../zod-errors.ts';
import { announceAccessChange } from './access-changed.ts';
import { revokeUserCredentials } from './credentials-revocation.ts';
import {
  engagementIdsByCode,
  groupIdsByName,
  setUserEngagements,
  setUserGroups,
} from './membership.service.ts';
import { checkPasswordRules, hashPassword } from './password.ts';
import { memberEngagementIds, type UserRow } from './principal.queries.ts';
import { findUserByUsername, getUserRow, toUserDto } from './user.queries.ts';
import { assertMayAdminister, visibleEngagementIds } from './user-admin.policy.ts';

const usernameTaken = () => ValidationError.field('username', 'A user with that username already exists.');

export type UserCreateInput = z.input<typeof userCreateSchema> & { timezone?: string | null };

/** Inserts a user inside the caller's transaction (first-run setup and the admin API share it). */
export async function insertUser(tx: Tx, data: UserCreateInput, passwordHash: string): Promise<UserRow> {
  if (await findUserByUsername(tx, data.username)) throw usernameTaken();
  const groupIds = await groupIdsByName(tx, data.groups ?? []);
  const engagementIds = await engagementIdsByCode(tx, data.engagements ?? []);
  const now = nowMs();
  const user = await tx
    .insertInto('app_user')
    .values({
      username: data.username.trim(),
      username_key: data.username.trim().toLowerCase(),
      display_name: data.display_name ?? '',
      password_hash: passwordHash,
      is_superuser: data.is_superuser ? 1 : 0,
      is_active: data.is_active === false ? 0 : 1,
      timezone: data.timezone ?? null,
      theme: 'auto',
      current_engagement_id: engagementIds[0] ?? null,
      auth_epoch: 0,
      password_changed_at: now,
      last_login_at: null,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
    .catch((error: unknown) => {
      // Another writer took the name between the check above and this insert.
      if (isUniqueViolation(error)) throw usernameTaken();
      throw error;
    });
  await setUserGroups(tx, Number(user.id), groupIds);
  await setUserEngagements(tx, Number(user.id), engagementIds);
  return user;
}

export async function createUser(
  db: Kysely<DB>,
  input: UserCreateInput,
  actor: AuditActor | null,
  principal: Principal,
): Promise<UserDto> {
  const data = parseOrThrow(userCreateSchema, input);
  assertMayAdminister(principal, null, data);
  checkPasswordRules(data.password, data.username);
  const hash = await hashPassword(data.password);
  return writeTransaction(db, async (tx) => {
    await visibleEngagementIds(tx, principal, data.engagements ?? []);
    const user = await insertUser(tx, { ...data, timezone: input.timezone ?? null }, hash);
    const dto = await toUserDto(tx, user, principal);
    await recordAudit(tx, actor, {
      action: 'user.created',
      target: dto.username,
      details: { is_superuser: dto.is_superuser, groups: dto.groups, engagements: dto.engagements },
    });
    return dto;
  });
}

export async function updateUser(
  db: Kysely<DB>,
  id: number,
  input: z.input<typeof userUpdateSchema>,
  actor: AuditActor,
  principal: Principal,
): Promise<UserDto> {
  const data = parseOrThrow(userUpdateSchema, input);
  return writeTransaction(db, async (tx) => {
    const before = await getUserRow(tx, id);
    assertMayAdminister(principal, before, data);
    const beforeDto = await toUserDto(tx, before);
    if (id === actor.userId && (data.is_active === false || data.is_superuser === false))
      throw ValidationError.field(
        data.is_active === false ? 'is_active' : 'is_superuser',
        'You cannot deactivate yourself or remove your own superuser flag; ask another administrator.',
      );
    await tx
      .updateTable('app_user')
      .set({
        ...(data.display_name === undefined ? {} : { display_name: data.display_name }),
        ...(data.is_superuser === undefined ? {} : { is_superuser: data.is_superuser ? 1 : 0 }),
        ...(data.is_active === undefined ? {} : { is_active: data.is_active ? 1 : 0 }),
        updated_at: nowMs(),
      })
      .where('id', '=', id)
      .execute();
    if (data.groups) await setUserGroups(tx, id, await groupIdsByName(tx, data.groups));
    if (data.engagements) {
      // Memberships in engagements the admin cannot see are neither shown to them nor dropped.
      const asked = await visibleEngagementIds(tx, principal, data.engagements);
      const kept = (await memberEngagementIds(tx, id)).filter((e) => !canAccessEngagement(principal, e));
      await setUserEngagements(tx, id, [...asked, ...kept]);
      // Their open live streams re-read their engagements before sending anything newer.
      await announceAccessChange(tx, [id]);
    }
    const after = await toUserDto(tx, await getUserRow(tx, id), principal);
    const groupsChanged = beforeDto.groups.join('\n') !== after.groups.join('\n');
    const deactivated = beforeDto.is_active && !after.is_active;
    const privilegeChanged = beforeDto.is_superuser !== after.is_superuser;
    // Fewer rights or no access any more: whatever the user holds now must not outlive the change.
    if (groupsChanged || deactivated || privilegeChanged) await revokeUserCredentials(tx, id);
    await recordAudit(tx, actor, {
      action: 'user.updated',
      target: after.username,
      details: { before: beforeDto, after },
    });
    return after;
  });
}

export async function resetPassword(
  db: Kysely<DB>,
  id: number,
  newPassword: string,
  actor: AuditActor,
  principal: Principal,
): Promise<void> {
  const user = await getUserRow(db, id);
  assertMayAdminister(principal, user, {});
  checkPasswordRules(newPassword, user.username, 'new_password');
  const hash = await hashPassword(newPassword);
  await writeTransaction(db, async (tx) => {
    await tx
      .updateTable('app_user')
      .set({ password_hash: hash, password_changed_at: nowMs() })
      .where('id', '=', id)
      .execute();
    await revokeUserCredentials(tx, id);
    await recordAudit(tx, actor, { action: 'user.password_reset', target: user.username });
  });
}
