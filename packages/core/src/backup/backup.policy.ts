import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import { ForbiddenError } from '../errors.ts';
import type { Principal } from '../permissions/index.ts';

/**
 * A backup is the whole database: every engagement of every client on this instance. Holding
 * `backup.download` is not enough on an instance shared by several clients; the caller must also see
 * every engagement (a superuser, or a member of all of them), as a user sees only their own engagements.
 */
export async function assertMayDownloadBackup(db: Kysely<DB>, principal: Principal): Promise<void> {
  if (principal.engagementIds === 'all') return;
  const member = principal.engagementIds;
  const hidden = await db
    .selectFrom('engagement')
    .select('id')
    .$if(member.length > 0, (q) => q.where('id', 'not in', [...member]))
    .limit(1)
    .executeTakeFirst();
  if (hidden)
    throw new ForbiddenError(
      'A backup holds every engagement on this instance, and you are not a member of all of them. Ask a superuser for the backup.',
    );
}
