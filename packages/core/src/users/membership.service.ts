import type { DB, Tx } from '@steppingstones/db';
import { higherRole, parseRole, type RoleSlug } from '@steppingstones/shared/roles';
import type { Kysely } from 'kysely';
import { ValidationError } from '../errors.ts';
import type { ServiceContext } from '../service-context.ts';

export async function engagementIdsByCode(
  tx: Kysely<DB>,
  codes: readonly string[],
  field = 'engagements',
): Promise<number[]> {
  if (!codes.length) return [];
  const rows = await tx
    .selectFrom('engagement')
    .select(['id', 'code'])
    .where('code', 'in', [...codes])
    .execute();
  const missing = codes.filter((c) => !rows.some((r) => r.code === c));
  if (missing.length) throw ValidationError.field(field, `No such engagement: ${missing.join(', ')}`);
  // In the order asked, so callers can pair codes and ids.
  return codes.map((c) => Number(rows.find((r) => r.code === c)?.id));
}

/** A role named by slug or display name; an unknown one is a field error listing the roles. */
export function roleOrThrow(name: string, field = 'role'): RoleSlug {
  const role = parseRole(name);
  if (!role)
    throw ValidationError.field(
      field,
      `No such role: ${name}. Use lead, operator, blue-limited-write or blue-read-only (or their names).`,
    );
  return role;
}

/** The most privileged of several role names (the CLI's repeated `--role`), or `fallback` for none. */
export function strongestRole(names: readonly string[], fallback: RoleSlug = 'blue-read-only'): RoleSlug {
  const roles = names.map((n) => roleOrThrow(n));
  return roles.reduce<RoleSlug | null>((a, b) => (a ? higherRole(a, b) : b), null) ?? fallback;
}

export interface MembershipInput {
  engagementId: number;
  role: RoleSlug;
}

/** Replaces the memberships of a user (one per engagement: a repeated engagement keeps the last role). */
export async function setUserMemberships(
  ctx: ServiceContext,
  userId: number,
  memberships: readonly MembershipInput[],
): Promise<void> {
  const { db: tx, clock } = ctx;
  const byEngagement = new Map(memberships.map((m) => [Number(m.engagementId), m.role]));
  await tx.deleteFrom('engagement_member').where('user_id', '=', userId).execute();
  const now = clock.now();
  if (byEngagement.size)
    await tx
      .insertInto('engagement_member')
      .values(
        [...byEngagement].map(([engagement_id, role]) => ({
          engagement_id,
          user_id: userId,
          role,
          created_at: now,
        })),
      )
      .execute();
}

/** Adds a member, or changes the role of one who already is. */
export async function addEngagementMember(
  ctx: ServiceContext,
  engagementId: number,
  userId: number,
  role: RoleSlug = 'blue-read-only',
): Promise<void> {
  const { db: tx, clock } = ctx;
  await tx
    .insertInto('engagement_member')
    .values({ engagement_id: engagementId, user_id: userId, role, created_at: clock.now() })
    .onConflict((oc) => oc.columns(['engagement_id', 'user_id']).doUpdateSet({ role }))
    .execute();
}

export async function removeEngagementMember(tx: Tx, engagementId: number, userId: number): Promise<boolean> {
  const res = await tx
    .deleteFrom('engagement_member')
    .where('engagement_id', '=', engagementId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
