import { type DB, writeTransaction } from '@steppingstones/db';
import type { C2ExclusionDto } from '@steppingstones/shared/c2';
import { toIsoUtc } from '@steppingstones/shared/dates';
import type { Kysely } from 'kysely';
import { assertWritable } from '../engagements/index.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { canAccessEngagement, type Principal, requireEngagementPermission } from '../permissions/index.ts';
import type { ServiceContext } from '../service-context.ts';
import { c2Engagement } from './c2-engagement.ts';
import { C2_EXCLUSION_FIELDS, type C2ExclusionField, sessionValue } from './c2-exclusions.ts';

const toDto = (r: { id: number; field: string; value: string; created_at: number }): C2ExclusionDto => ({
  id: Number(r.id),
  field: r.field as C2ExclusionField,
  value: r.value,
  created_at: toIsoUtc(Number(r.created_at)),
});

export async function listC2Exclusions(
  db: Kysely<DB>,
  principal: Principal,
  engagement: string | undefined,
): Promise<C2ExclusionDto[]> {
  const e = await c2Engagement(db, principal, engagement, 'c2.view');
  const rows = await db
    .selectFrom('c2_exclusion')
    .select(['id', 'field', 'value', 'created_at'])
    .where('engagement_id', '=', e.id)
    .orderBy('field')
    .orderBy('value')
    .execute();
  return rows.map(toDto);
}

/**
 * Excludes the sessions like one session: the same `field` value (its id, user, computer, process,
 * internal or external address). Idempotent: excluding twice answers the stored rule.
 */
export async function addC2Exclusion(
  ctx: ServiceContext,
  principal: Principal,
  input: { engagement: string | undefined; session: number; field: C2ExclusionField },
): Promise<C2ExclusionDto> {
  const db = ctx.db;
  const e = await c2Engagement(db, principal, input.engagement, 'c2.change');
  assertWritable(e);
  if (!C2_EXCLUSION_FIELDS.includes(input.field))
    throw ValidationError.field('field', `must be one of ${C2_EXCLUSION_FIELDS.join(', ')}`);
  const session = await db
    .selectFrom('c2_session as s')
    .innerJoin('c2_server as sv', 'sv.id', 's.server_id')
    .select(['s.id', 's.user', 's.host', 's.process', 's.internal', 's.external'])
    .where('s.id', '=', input.session)
    .where('sv.engagement_id', '=', e.id)
    .executeTakeFirst();
  if (!session) throw ValidationError.field('session', 'is not a C2 session of this engagement');
  const value = sessionValue({ ...session, id: Number(session.id) }, input.field);
  if (value.trim() === '')
    throw ValidationError.field('field', `the session has no ${input.field}: nothing to match on`);
  return writeTransaction(db, async (tx) => {
    const found = await tx
      .selectFrom('c2_exclusion')
      .select(['id', 'field', 'value', 'created_at'])
      .where('engagement_id', '=', e.id)
      .where('field', '=', input.field)
      .where('value', '=', value)
      .executeTakeFirst();
    if (found) return toDto(found);
    const row = await tx
      .insertInto('c2_exclusion')
      .values({
        engagement_id: e.id,
        field: input.field,
        value,
        created_by: principal.userId > 0 ? principal.userId : null,
        created_at: ctx.clock.now(),
      })
      .returning(['id', 'field', 'value', 'created_at'])
      .executeTakeFirstOrThrow();
    return toDto(row);
  });
}

/** Removes an exclusion: its sessions show again. */
export async function removeC2Exclusion(
  ctx: ServiceContext,
  principal: Principal,
  id: number,
): Promise<void> {
  const { db } = ctx;
  const row = await db
    .selectFrom('c2_exclusion as x')
    .innerJoin('engagement as g', 'g.id', 'x.engagement_id')
    .select(['x.id', 'g.id as engagement_id', 'g.code', 'g.archived'])
    .where('x.id', '=', id)
    .executeTakeFirst();
  const what = 'The C2 exclusion';
  if (!row || !canAccessEngagement(principal, Number(row.engagement_id))) throw new NotFoundError(what);
  requireEngagementPermission(principal, Number(row.engagement_id), 'c2.change', what);
  assertWritable({ code: row.code, archived: Boolean(row.archived) });
  await writeTransaction(db, (tx) => tx.deleteFrom('c2_exclusion').where('id', '=', id).execute());
}
