import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import { NotFoundError } from '../errors.ts';
import {
  canAccessEngagement,
  type PermissionCode,
  type Principal,
  requireEngagementPermission,
} from '../permissions/index.ts';

/**
 * A C2 record's engagement, after the caller's permissions in it: not found and not a member both
 * answer 404 (nothing tells a stranger the id exists), a member lacking a permission 403.
 */
export async function c2RecordEngagement(
  db: Kysely<DB>,
  principal: Principal,
  table: 'c2_session' | 'c2_download',
  id: number,
  permissions: readonly PermissionCode[],
): Promise<{ engagementId: number; code: string; archived: boolean }> {
  const query =
    table === 'c2_session'
      ? db.selectFrom('c2_session as s').where('s.id', '=', id)
      : db
          .selectFrom('c2_download as d')
          .innerJoin('c2_session as s', 's.id', 'd.session_id')
          .where('d.id', '=', id);
  const row = await query
    .innerJoin('c2_server as sv', 'sv.id', 's.server_id')
    .innerJoin('engagement as g', 'g.id', 'sv.engagement_id')
    .select(['g.id', 'g.code', 'g.archived'])
    .executeTakeFirst();
  const what = table === 'c2_session' ? 'The C2 session' : 'The C2 download';
  if (!row || !canAccessEngagement(principal, Number(row.id))) throw new NotFoundError(what);
  for (const p of permissions) requireEngagementPermission(principal, Number(row.id), p, what);
  return { engagementId: Number(row.id), code: row.code, archived: Boolean(row.archived) };
}
