import { sql } from 'kysely';
import { type ServiceContext, transactionOf } from '../service-context.ts';
import { announceAccessChange } from './access-changed.ts';

/**
 * Ends every session and token of a user: bumps the user's auth epoch (access JWTs carry it and are
 * refused once it moved), deletes sessions, revokes refresh and personal tokens, and tells open live
 * streams (which then end). Runs inside the
 * caller's transaction, so the change that caused it and the revocation commit together.
 */
export async function revokeUserCredentials(ctx: ServiceContext, userId: number): Promise<void> {
  const tx = transactionOf(ctx);
  const now = ctx.clock.now();
  await tx
    .updateTable('app_user')
    .set({ auth_epoch: sql<number>`auth_epoch + 1`, updated_at: now })
    .where('id', '=', userId)
    .execute();
  await tx.deleteFrom('user_session').where('user_id', '=', userId).execute();
  await tx
    .updateTable('refresh_token')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
  await tx
    .updateTable('api_token')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
  await announceAccessChange(ctx, [userId]);
}
