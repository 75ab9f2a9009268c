import { type DB, writeTransaction } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import { type AuditActor, recordAudit } from '../audit/index.ts';
import { ValidationError } from '../errors.ts';
import { announceAccessChange } from './access-changed.ts';
import { addEngagementMember } from './membership.service.ts';

export interface MemberDto {
  id: number;
  username: string;
  display_name: string;
}

export async function listEngagementMembers(db: Kysely<DB>, engagementId: number): Promise<MemberDto[]> {
  const rows = await db
    .selectFrom('engagement_member as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.username', 'u.display_name'])
    .where('m.engagement_id', '=', engagementId)
    .orderBy('u.username_key')
    .execute();
  return rows.map((r) => ({ id: Number(r.id), username: r.username, display_name: r.display_name }));
}

/**
 * Who to offer as an event's operator in the form's picker: the active members of the engagement who may
 * record events themselves (so not the client's blue team). The API also accepts any active member or
 * superuser typed by name; the picker offers the team.
 */
export async function listEngagementOperators(db: Kysely<DB>, engagementId: number): Promise<MemberDto[]> {
  const rows = await db
    .selectFrom('engagement_member as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.username', 'u.display_name'])
    .where('m.engagement_id', '=', engagementId)
    .where('u.is_active', '=', 1)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_group_member as gm')
          .innerJoin('group_permission as gp', 'gp.group_id', 'gm.group_id')
          .select('gm.user_id')
          .whereRef('gm.user_id', '=', 'u.id')
          .where('gp.code', '=', 'event.add'),
      ),
    )
    .orderBy('u.username_key')
    .execute();
  return rows.map((r) => ({ id: Number(r.id), username: r.username, display_name: r.display_name }));
}

/** Replaces the members of an engagement; an unknown username is a field error naming it. */
export async function setEngagementMembers(
  db: Kysely<DB>,
  engagement: { id: number; code: string },
  usernames: string[],
  actor: AuditActor,
): Promise<MemberDto[]> {
  const keys = [...new Set(usernames.map((u) => u.trim().toLowerCase()))];
  return writeTransaction(db, async (tx) => {
    const users = keys.length
      ? await tx
          .selectFrom('app_user')
          .select(['id', 'username_key'])
          .where('username_key', 'in', keys)
          .execute()
      : [];
    const missing = keys.filter((k) => !users.some((u) => u.username_key === k));
    if (missing.length) throw ValidationError.field('usernames', `No such user: ${missing.join(', ')}`);
    const before = await listEngagementMembers(tx, engagement.id);
    await tx.deleteFrom('engagement_member').where('engagement_id', '=', engagement.id).execute();
    for (const u of users) await addEngagementMember(tx, engagement.id, Number(u.id));
    const after = await listEngagementMembers(tx, engagement.id);
    // Those who joined or left: their open live streams re-read their engagements at once.
    const was = new Set(before.map((m) => m.id));
    const now = new Set(after.map((m) => m.id));
    await announceAccessChange(tx, [
      ...before.filter((m) => !now.has(m.id)).map((m) => m.id),
      ...after.filter((m) => !was.has(m.id)).map((m) => m.id),
    ]);
    await recordAudit(tx, actor, {
      action: 'engagement.members_changed',
      target: engagement.code,
      details: { before: before.map((m) => m.username), after: after.map((m) => m.username) },
    });
    return after;
  });
}
