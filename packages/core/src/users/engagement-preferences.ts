import { type DB, writeTransaction } from '@steppingstones/db';
import {
  type EngagementPreferences,
  type EngagementPreferencesUpdate,
  engagementPreferencesUpdateSchema,
} from '@steppingstones/shared/engagement-preferences';
import type { Kysely } from 'kysely';
import { NotFoundError } from '../errors.ts';
import { canAccessEngagement, type Principal } from '../permissions/index.ts';
import type { ServiceContext } from '../service-context.ts';
import { parseOrThrow } from '../zod-errors.ts';

/** The engagement by code if the caller belongs to it; otherwise 404, as for every engagement record. */
async function memberEngagement(db: Kysely<DB>, principal: Principal, code: string) {
  const row = await db
    .selectFrom('engagement')
    .select(['id', 'code'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row || principal.userId <= 0 || !canAccessEngagement(principal, Number(row.id)))
    throw new NotFoundError('The engagement');
  return { id: Number(row.id), code: row.code };
}

async function read(db: Kysely<DB>, userId: number, engagement: { id: number; code: string }) {
  const row = await db
    .selectFrom('user_engagement_preference')
    .select(['event_filter', 'updated_at'])
    .where('user_id', '=', userId)
    .where('engagement_id', '=', engagement.id)
    .executeTakeFirst();
  return {
    engagement: engagement.code,
    event_filter: row?.event_filter ?? null,
    updated_at: row ? new Date(Number(row.updated_at)).toISOString() : null,
  };
}

/** The caller's own settings in one engagement (their grid's last filter), wherever they sign in. */
export async function getEngagementPreferences(
  db: Kysely<DB>,
  principal: Principal,
  code: string,
): Promise<EngagementPreferences> {
  return read(db, principal.userId, await memberEngagement(db, principal, code));
}

/** Changes the fields sent; the others keep their value. Archived engagements count: they are still browsed. */
export async function updateEngagementPreferences(
  ctx: ServiceContext,
  principal: Principal,
  code: string,
  input: EngagementPreferencesUpdate,
): Promise<EngagementPreferences> {
  const { db } = ctx;
  const data = parseOrThrow(engagementPreferencesUpdateSchema, input);
  const engagement = await memberEngagement(db, principal, code);
  const changes = {
    ...(data.event_filter === undefined ? {} : { event_filter: data.event_filter }),
    updated_at: ctx.clock.now(),
  };
  await writeTransaction(db, (tx) =>
    tx
      .insertInto('user_engagement_preference')
      .values({ user_id: principal.userId, engagement_id: engagement.id, event_filter: null, ...changes })
      .onConflict((oc) => oc.columns(['user_id', 'engagement_id']).doUpdateSet(changes))
      .execute(),
  );
  return read(db, principal.userId, engagement);
}
