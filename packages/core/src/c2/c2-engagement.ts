import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import { NotFoundError, ValidationError } from '../errors.ts';
import {
  canAccessEngagement,
  type PermissionCode,
  type Principal,
  requireEngagementPermission,
} from '../permissions/index.ts';

export interface C2Engagement {
  id: number;
  code: string;
  name: string;
  /** `YYYY-MM-DD` */
  startDate: string;
  endDate: string;
  archived: boolean;
}

/**
 * The engagement a C2 request names by code, after the caller's permission in it: unknown and
 * not-a-member both answer 404, a member without the permission 403.
 */
export async function c2Engagement(
  db: Kysely<DB>,
  principal: Principal,
  code: string | undefined,
  permission: PermissionCode,
): Promise<C2Engagement> {
  const wanted = code?.trim();
  if (!wanted) throw ValidationError.field('engagement', 'is required: the code of the engagement');
  const row = await db
    .selectFrom('engagement')
    .select(['id', 'code', 'name', 'start_date', 'end_date', 'archived'])
    .where('code', '=', wanted)
    .executeTakeFirst();
  const what = `The engagement "${wanted}"`;
  if (!row || !canAccessEngagement(principal, Number(row.id))) throw new NotFoundError(what);
  requireEngagementPermission(principal, Number(row.id), permission, what);
  return {
    id: Number(row.id),
    code: row.code,
    name: row.name,
    startDate: row.start_date,
    endDate: row.end_date,
    archived: Boolean(row.archived),
  };
}
