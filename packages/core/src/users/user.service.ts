import { type DB, isUniqueViolation, writeTransaction } from '@steppingstones/db';
import { type Membership, type UserDto, userCreateSchema, userUpdateSchema } from '@steppingstones/shared';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { type AuditActor, recordAudit } from '../audit/index.ts';
import { ValidationError } from '../errors.ts';
import type { Principal } from '../permissions/index.ts';
import { inTransaction, type ServiceContext } from '../service-context.ts';
import { parseOrThrow } from '../zod-errors.ts';
import { announceAccessChange } from './access-changed.ts';
import { revokeUserCredentials } from './credentials-revocation.ts';
import { engagementIdsByCode, type MembershipInput, setUserMemberships } from './membership.service.ts';
import { checkPasswordRules, hashPassword } from './password.ts';
import { type UserRow, userMemberships } from './principal.queries.ts';
import { findUserByUsername, getUserRow, toUserDto } from './user.queries.ts';
import {
  assertMayAdminister,
  manageableMemberships,
  managesEngagement,
  requireAccountControl,
  requireVisibleUser,
} from './user-admin.policy.ts';

const usernameTaken = () => ValidationError.field('username', 'A user with that username already exists.');

export type UserCreateInput = z.input<typeof userCreateSchema> & { timezone?: string | null };

async function resolveMemberships(tx: Kysely<DB>, data: UserCreateInput): Promise<MembershipInput[]> {
  const all: Membership[] = data.memberships ?? [];
  const ids = await engagementIdsByCode(
    tx,
    all.map((m) => m.engagement),
    'memberships',
  );
  return all.map((m, i) => ({ engagementId: ids[i] as number, role: m.role }));
}

/** Inserts a user inside the caller's transaction (first-run setup and the admin API share it). */
export async function insertUser(
  ctx: ServiceContext,
  data: UserCreateInput,
  passwordHash: string,
): Promise<UserRow> {
  const { db: tx, clock } = ctx;
  if (await findUserByUsername(tx, data.username)) throw usernameTaken();
  const memberships = await resolveMemberships(tx, data);
  const now = clock.now();
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
      current_engagement_id: memberships[0]?.engagementId ?? null,
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
  await setUserMemberships(ctx, Number(user.id), memberships);
  return user;
}

export async function createUser(
  ctx: ServiceContext,
  input: UserCreateInput,
  actor: AuditActor | null,
  principal: Principal,
): Promise<UserDto> {
  const data = parseOrThrow(userCreateSchema, input);
  assertMayAdminister(principal, null, data);
  checkPasswordRules(data.password, data.username);
  const hash = await hashPassword(data.password);
  return writeTransaction(ctx.db, async (tx) => {
    const inTx = inTransaction(ctx, tx);
    if (!principal.isSuperuser) {
      // A lead creates users for the engagements they lead; an account of no engagement is the superuser's.
      if (!data.memberships?.length)
        throw ValidationError.field('memberships', 'name at least one engagement you lead');
      await manageableMemberships(tx, principal, data.memberships);
    }
    const user = await insertUser(
      inTx,
      { ...data, memberships: data.memberships ?? [], timezone: input.timezone ?? null },
      hash,
    );
    const dto = await toUserDto(tx, user, principal);
    await recordAudit(inTx, actor, {
      action: 'user.created',
      target: dto.username,
      details: { is_superuser: dto.is_superuser, memberships: dto.memberships },
    });
    return dto;
  });
}

export async function updateUser(
  ctx: ServiceContext,
  id: number,
  input: z.input<typeof userUpdateSchema>,
  actor: AuditActor,
  principal: Principal,
): Promise<UserDto> {
  const data = parseOrThrow(userUpdateSchema, input);
  return writeTransaction(ctx.db, async (tx) => {
    const inTx = inTransaction(ctx, tx);
    const before = await getUserRow(tx, id);
    await requireVisibleUser(tx, principal, before);
    assertMayAdminister(principal, before, data);
    if (data.is_active !== undefined || data.display_name !== undefined)
      await requireAccountControl(tx, principal, before);
    const beforeDto = await toUserDto(tx, before, principal);
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
        updated_at: ctx.clock.now(),
      })
      .where('id', '=', id)
      .execute();
    if (data.memberships) {
      // A lead changes memberships in the engagements they lead; the others are neither shown nor dropped.
      const asked = await manageableMemberships(tx, principal, data.memberships);
      const current = await userMemberships(tx, id);
      const kept = current
        .filter((m) => !managesEngagement(principal, m.engagementId))
        .map((m) => ({ engagementId: m.engagementId, role: m.role }));
      await setUserMemberships(inTx, id, [...kept, ...asked]);
      // Their open live streams re-read their engagements before sending anything newer.
      await announceAccessChange(inTx, [id]);
    }
    const after = await toUserDto(tx, await getUserRow(tx, id), principal);
    const kept = new Set(after.memberships.map((m) => `${m.engagement}=${m.role}`));
    const rolesLost = beforeDto.memberships.some((m) => !kept.has(`${m.engagement}=${m.role}`));
    const deactivated = beforeDto.is_active && !after.is_active;
    const privilegeChanged = beforeDto.is_superuser !== after.is_superuser;
    // Fewer rights or no access any more: whatever the user holds now must not outlive the change.
    if (rolesLost || deactivated || privilegeChanged) await revokeUserCredentials(inTx, id);
    await recordAudit(inTx, actor, {
      action: 'user.updated',
      target: after.username,
      details: { before: beforeDto, after },
    });
    return after;
  });
}

export async function resetPassword(
  ctx: ServiceContext,
  id: number,
  newPassword: string,
  actor: AuditActor,
  principal: Principal,
): Promise<void> {
  const { db } = ctx;
  const user = await getUserRow(db, id);
  await writeTransaction(db, (tx) => requireAccountControl(tx, principal, user));
  checkPasswordRules(newPassword, user.username, 'new_password');
  const hash = await hashPassword(newPassword);
  await writeTransaction(db, async (tx) => {
    await tx
      .updateTable('app_user')
      .set({ password_hash: hash, password_changed_at: ctx.clock.now() })
      .where('id', '=', id)
      .execute();
    await revokeUserCredentials(inTransaction(ctx, tx), id);
    await recordAudit(inTransaction(ctx, tx), actor, {
      action: 'user.password_reset',
      target: user.username,
    });
  });
}
