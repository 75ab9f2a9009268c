import { type DB, type Tx, writeTransaction } from '@steppingstones/db';
import { ROLE_PERMISSIONS, type RoleSlug } from '@steppingstones/shared/roles';
import type { Kysely } from 'kysely';
import { type AuditActor, recordAudit } from '../audit/index.ts';
import { NotFoundError } from '../errors.ts';
import type { Principal } from '../permissions/index.ts';
import { inTransaction, type ServiceContext, transactionOf } from '../service-context.ts';
import { announceAccessChange } from './access-changed.ts';
import { addEngagementMember, removeEngagementMember } from './membership.service.ts';
import { findUserByUsername } from './user.queries.ts';

export interface MemberDto {
  username: string;
  display_name: string;
  role: RoleSlug;
}

export interface OperatorDto {
  id: number;
  username: string;
  display_name: string;
}

type Engagement = { id: number; code: string };

export async function listEngagementMembers(db: Kysely<DB> | Tx, engagementId: number): Promise<MemberDto[]> {
  const rows = await db
    .selectFrom('engagement_member as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['u.username', 'u.display_name', 'm.role'])
    .where('m.engagement_id', '=', engagementId)
    .orderBy('u.username_key')
    .execute();
  return rows.map((r) => ({ username: r.username, display_name: r.display_name, role: r.role as RoleSlug }));
}

/** Roles whose members record events themselves (not the client's blue team). */
export const WRITER_ROLES = (Object.keys(ROLE_PERMISSIONS) as RoleSlug[]).filter((r) =>
  ROLE_PERMISSIONS[r].includes('event.add'),
);

/**
 * Who to offer as an event's operator in the form's picker: the active members of the engagement whose
 * role there may record events (so not the client's blue team).
 */
export async function listEngagementOperators(db: Kysely<DB>, engagementId: number): Promise<OperatorDto[]> {
  const rows = await db
    .selectFrom('engagement_member as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.username', 'u.display_name'])
    .where('m.engagement_id', '=', engagementId)
    .where('u.is_active', '=', 1)
    .where('m.role', 'in', WRITER_ROLES)
    .orderBy('u.username_key')
    .execute();
  return rows.map((r) => ({ id: Number(r.id), username: r.username, display_name: r.display_name }));
}

/**
 * The user a lead may add: an active account that is not a superuser (a superuser needs no membership).
 * An unknown username and one they may not add answer the same 404, so names are not disclosed.
 */
async function addableUser(tx: Tx, principal: Principal, username: string) {
  const user = await findUserByUsername(tx, username);
  const addable = user && (principal.isSuperuser || (user.is_active && !user.is_superuser));
  if (!user || !addable) throw new NotFoundError(`The user ${username}`);
  return user;
}

async function changed(ctx: ServiceContext, engagement: Engagement, before: MemberDto[], actor: AuditActor) {
  const tx = transactionOf(ctx);
  const after = await listEngagementMembers(tx, engagement.id);
  const key = (m: MemberDto) => `${m.username}=${m.role}`;
  const was = new Set(before.map(key));
  const now = new Set(after.map(key));
  // Those who joined, left or changed role: their open live streams re-read their access at once.
  const touched = new Set([
    ...before.filter((m) => !now.has(key(m))).map((m) => m.username),
    ...after.filter((m) => !was.has(key(m))).map((m) => m.username),
  ]);
  if (touched.size) {
    const ids = await tx
      .selectFrom('app_user')
      .select('id')
      .where('username', 'in', [...touched])
      .execute();
    await announceAccessChange(
      ctx,
      ids.map((r) => Number(r.id)),
    );
    await recordAudit(ctx, actor, {
      action: 'engagement.members_changed',
      engagementId: engagement.id,
      target: engagement.code,
      details: { before: before.map(key), after: after.map(key) },
    });
  }
  return after;
}

/** Replaces the members of an engagement and their roles. The caller has been checked to manage it. */
export async function setEngagementMembers(
  ctx: ServiceContext,
  principal: Principal,
  engagement: Engagement,
  members: ReadonlyArray<{ username: string; role: RoleSlug }>,
  actor: AuditActor,
): Promise<MemberDto[]> {
  return writeTransaction(ctx.db, async (tx) => {
    const inTx = inTransaction(ctx, tx);
    const wanted = new Map<number, RoleSlug>();
    for (const m of members) wanted.set(Number((await addableUser(tx, principal, m.username)).id), m.role);
    const before = await listEngagementMembers(tx, engagement.id);
    await tx
      .deleteFrom('engagement_member')
      .where('engagement_id', '=', engagement.id)
      .where('user_id', 'not in', wanted.size ? [...wanted.keys()] : [-1])
      .execute();
    for (const [userId, role] of wanted) await addEngagementMember(inTx, engagement.id, userId, role);
    return changed(inTx, engagement, before, actor);
  });
}

/** Adds an existing user to the engagement with `role`, or changes their role there. */
export async function addMemberToEngagement(
  ctx: ServiceContext,
  principal: Principal,
  engagement: Engagement,
  username: string,
  role: RoleSlug,
  actor: AuditActor,
): Promise<MemberDto> {
  const run = async (inTx: ServiceContext) => {
    const tx = transactionOf(inTx);
    const user = await addableUser(tx, principal, username);
    const before = await listEngagementMembers(tx, engagement.id);
    await addEngagementMember(inTx, engagement.id, Number(user.id), role);
    const after = await changed(inTx, engagement, before, actor);
    return after.find((m) => m.username === user.username) as MemberDto;
  };
  return ctx.db.isTransaction ? run(ctx) : writeTransaction(ctx.db, (tx) => run(inTransaction(ctx, tx)));
}

/** Removes a member; a username that is not a member is a 404. */
export async function removeMemberFromEngagement(
  ctx: ServiceContext,
  engagement: Engagement,
  username: string,
  actor: AuditActor,
): Promise<void> {
  await writeTransaction(ctx.db, async (tx) => {
    const user = await findUserByUsername(tx, username);
    const before = await listEngagementMembers(tx, engagement.id);
    if (!user || !(await removeEngagementMember(tx, engagement.id, Number(user.id))))
      throw new NotFoundError(`The member ${username}`);
    await changed(inTransaction(ctx, tx), engagement, before, actor);
  });
}
