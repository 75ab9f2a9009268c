import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import { NotFoundError } from '../errors.ts';
import { engagementsWith, type Principal, requireEngagementPermission } from '../permissions/index.ts';

/** The engagements whose jobs the principal manages (`'all'`: every job, instance work included). */
export function jobScope(principal: Principal): number[] | 'all' {
  if (principal.isSuperuser) return 'all';
  const ids = engagementsWith(principal, 'job.admin');
  // A superuser's scoped token holds codes everywhere but is no superuser: no instance jobs.
  return ids === 'all' ? [] : ids;
}

/**
 * A job the principal may see, retry or cancel: one about an engagement where they hold `job.admin`
 * (its lead), or any job for a superuser. Jobs of no engagement and of other engagements answer 404
 * (their payloads carry that engagement's messages).
 */
export async function requireJobAccess(db: Kysely<DB>, principal: Principal, id: number): Promise<void> {
  if (principal.isSuperuser) return;
  const row = await db.selectFrom('job').select('engagement_id').where('id', '=', id).executeTakeFirst();
  if (!row || row.engagement_id === null) throw new NotFoundError('The job');
  requireEngagementPermission(principal, Number(row.engagement_id), 'job.admin', 'The job');
}
