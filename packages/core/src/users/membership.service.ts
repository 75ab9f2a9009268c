import { nowMs, type Tx } from '@steppingstones/db';
import { ValidationError } from '../errors.ts';

/** Resolves group names to ids; an unknown name is a field error naming it. */
export async function groupIdsByName(tx: Tx, names: readonly string[], field = 'groups'): Promise<number[]> {
  if (!names.length) return [];
  const rows = await tx
    .selectFrom('user_group')
    .select(['id', 'name'])
    .where('name', 'in', [...names])
    .execute();
  const missing = names.filter((n) => !rows.some((r) => r.name === n));
  if (missing.length) throw ValidationError.field(field, `No such group: ${missing.join(', ')}`);
  return names.map((n) => Number(rows.find((r) => r.name === n)?.id));
}

export async function engagementIdsByCode(
  tx: Tx,
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

export async function setUserGroups(tx: Tx, userId: number, ids: number[]): Promise<void> {
  const groupIds = [...new Set(ids)];
  await tx.deleteFrom('user_group_member').where('user_id', '=', userId).execute();
  if (groupIds.length)
    await tx
      .insertInto('user_group_member')
      .values(groupIds.map((group_id) => ({ user_id: userId, group_id })))
      .execute();
}

export async function setUserEngagements(tx: Tx, userId: number, ids: number[]): Promise<void> {
  const engagementIds = [...new Set(ids)];
  await tx.deleteFrom('engagement_member').where('user_id', '=', userId).execute();
  const now = nowMs();
  if (engagementIds.length)
    await tx
      .insertInto('engagement_member')
      .values(engagementIds.map((engagement_id) => ({ engagement_id, user_id: userId, created_at: now })))
      .execute();
}

export async function addEngagementMember(tx: Tx, engagementId: number, userId: number): Promise<void> {
  await tx
    .insertInto('engagement_member')
    .values({ engagement_id: engagementId, user_id: userId, created_at: nowMs() })
    .onConflict((oc) => oc.columns(['engagement_id', 'user_id']).doNothing())
    .execute();
}
