import { writeTransaction } from '@steppingstones/db';
import { type AuditActor, recordAudit } from '../audit/index.ts';
import { ForbiddenError, ValidationError } from '../errors.ts';
import type { Principal } from '../permissions/index.ts';
import { inTransaction, type ServiceContext } from '../service-context.ts';
import { deleteWebhookJobsOfEngagement } from '../webhooks/webhook-purge.ts';
import { findVisibleEngagement } from './engagement.queries.ts';

/**
 * Deletes an engagement and everything it holds (every table referencing it cascades), as contracts
 * require at close-out. Superusers only, after typing the code; the audit record outlives it.
 */
export async function purgeEngagement(
  ctx: ServiceContext,
  principal: Principal,
  code: string,
  confirmCode: string,
  actor: AuditActor,
): Promise<void> {
  const { db } = ctx;
  const engagement = await findVisibleEngagement(db, principal, code);
  if (!principal.isSuperuser) throw new ForbiddenError('Only a superuser can purge an engagement.');
  if (confirmCode !== engagement.code)
    throw ValidationError.field(
      'confirm_code',
      `Type the engagement code "${engagement.code}" exactly to confirm.`,
    );
  await writeTransaction(db, async (tx) => {
    // Events first: an event holds its contexts and files with ON DELETE RESTRICT, which SQLite checks
    // row by row while the engagement's cascade runs, so a single delete of the engagement fails as soon
    // as it holds an event. Its tags, files and distributions then cascade from the event and engagement.
    await tx.deleteFrom('event').where('engagement_id', '=', engagement.id).execute();
    await deleteWebhookJobsOfEngagement(tx, engagement.id);
    await tx.deleteFrom('engagement').where('id', '=', engagement.id).execute();
    await recordAudit(inTransaction(ctx, tx), actor, {
      action: 'engagement.purged',
      target: engagement.code,
      details: { id: engagement.id, name: engagement.name },
    });
  });
}
