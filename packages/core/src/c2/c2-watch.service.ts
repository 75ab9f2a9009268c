import { writeTransaction } from '@steppingstones/db';
import { assertWritable } from '../engagements/index.ts';
import type { Principal } from '../permissions/index.ts';
import type { ServiceContext } from '../service-context.ts';
import { c2RecordEngagement } from './c2-session-access.ts';

/**
 * The watch bell: a quiet session is watched, and its next check-in after now sends the "returned
 * beacon" webhook once (from `c2 follow`). Setting it again re-arms it from the session's last check-in.
 */
export async function setC2Watch(
  ctx: ServiceContext,
  principal: Principal,
  sessionId: number,
  watched: boolean,
): Promise<{ session: number; watched: boolean }> {
  const db = ctx.db;
  const e = await c2RecordEngagement(db, principal, 'c2_session', sessionId, ['c2.view', 'c2.change']);
  assertWritable(e);
  await writeTransaction(db, async (tx) => {
    await tx.deleteFrom('c2_watch').where('session_id', '=', sessionId).execute();
    if (!watched) return;
    const s = await tx
      .selectFrom('c2_session')
      .select('last_seen')
      .where('id', '=', sessionId)
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('c2_watch')
      .values({
        session_id: sessionId,
        created_by: principal.userId > 0 ? principal.userId : null,
        created_at: ctx.clock.now(),
        seen_at: Number(s.last_seen),
        returned_at: null,
      })
      .execute();
  });
  return { session: sessionId, watched };
}
