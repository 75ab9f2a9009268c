import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import { NotFoundError, ValidationError } from '../errors.ts';
import {
  canAccessEngagement,
  type PermissionCode,
  type Principal,
  requireEngagementPermission,
} from '../permissions/index.ts';

export interface EventStreamEngagement {
  id: number;
  code: string;
  name: string;
  archived: boolean;
  startDate: string;
  endDate: string;
}

/**
 * The engagement an EventStream request names by code, after the caller's permission in it: unknown
 * and not-a-member both answer 404 (other clients' codes are not disclosed), a member without the
 * permission 403.
 */
export async function eventstreamEngagement(
  db: Kysely<DB>,
  principal: Principal,
  code: string | undefined,
  permission: PermissionCode,
): Promise<EventStreamEngagement> {
  const wanted = code?.trim();
  if (!wanted) throw ValidationError.field('engagement', 'is required: the code of the engagement');
  const row = await db
    .selectFrom('engagement')
    .select(['id', 'code', 'name', 'archived', 'start_date', 'end_date'])
    .where('code', '=', wanted)
    .executeTakeFirst();
  const what = `The engagement "${wanted}"`;
  if (!row || !canAccessEngagement(principal, Number(row.id))) throw new NotFoundError(what);
  requireEngagementPermission(principal, Number(row.id), permission, what);
  return {
    id: Number(row.id),
    code: row.code,
    name: row.name,
    archived: Boolean(row.archived),
    startDate: row.start_date,
    endDate: row.end_date,
  };
}
