import type { DB } from '@steppingstones/db';
import type { EngagementDto } from '@steppingstones/shared';
import type { Kysely } from 'kysely';
import { NotFoundError } from '../errors.ts';
import { canAccessEngagement, type Principal } from '../permissions/index.ts';
import { toEngagementDto } from './engagement.mapper.ts';

export interface EngagementScope {
  /** `'all'` for superusers; otherwise the ids of the engagements the user belongs to. */
  engagementIds: readonly number[] | 'all';
}

/** Engagements visible in a scope, newest start first (as the original's index page). */
export async function listEngagements(
  db: Kysely<DB>,
  scope: EngagementScope = { engagementIds: 'all' },
): Promise<EngagementDto[]> {
  let q = db.selectFrom('engagement').selectAll().orderBy('start_date', 'desc').orderBy('id', 'desc');
  if (scope.engagementIds !== 'all') {
    if (scope.engagementIds.length === 0) return [];
    q = q.where('id', 'in', [...scope.engagementIds]);
  }
  return (await q.execute()).map(toEngagementDto);
}

export async function findEngagementByCode(db: Kysely<DB>, code: string): Promise<EngagementDto | undefined> {
  const row = await db.selectFrom('engagement').selectAll().where('code', '=', code).executeTakeFirst();
  return row ? toEngagementDto(row) : undefined;
}

/**
 * The engagement with this code, if the principal belongs to it. One it does not belong to answers
 * the same 404 as one that does not exist, so its existence is not disclosed.
 */
export async function findVisibleEngagement(
  db: Kysely<DB>,
  principal: Principal,
  code: string,
): Promise<EngagementDto> {
  const engagement = await findEngagementByCode(db, code);
  if (!engagement || !canAccessEngagement(principal, engagement.id))
    throw new NotFoundError('The engagement');
  return engagement;
}

export async function getEngagement(
  db: Kysely<DB>,
  id: number,
  scope: EngagementScope = { engagementIds: 'all' },
): Promise<EngagementDto> {
  if (scope.engagementIds !== 'all' && !scope.engagementIds.includes(id))
    throw new NotFoundError('The engagement');
  const row = await db.selectFrom('engagement').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('The engagement');
  return toEngagementDto(row);
}
