import { type DB, writeTransaction } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import { type AuditActor, recordAudit } from '../audit/index.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { canAccessEngagement, type Principal } from '../permissions/index.ts';

/**
 * Deletes an engagement and everything it holds (every table referencing it cascades), as contracts
 * require at close-out. Superusers only, after typing the code; the audit record outlives it.
 */
export async function purgeEngagement(
  db: Kysely<DB>,
  principal: Principal,
  code: string,
  confirmCode: string,
  actor: AuditActor,
): Promise<void> {
  const engagement = await db
    .selectFrom('engagement')
    .selectAll()
    .where('code', '=', code)
    .executeTakeFirst();
  if (!engagement || !canAccessEngagement(principal, Number(engagement.id)))
    throw new NotFoundError('The engagement');
  if (!principal.isSuperuser) throw new ForbiddenError('Only a superuser can purge an engagement.');
  if (confirmCode !== engagement.code)
    throw ValidationError.field(
      'confirm_code',
      `Type the engagement code "${engagement.code}" exactly to confirm.`,
    );
  await writeTransaction(db, async (tx) => {
    await tx.deleteFrom('engagement').where('id', '=', engagement.id).execute();
    await recordAudit(tx, actor, {
      action: 'engagement.purged',
      target: engagement.code,
      details: { id: Number(engagement.id), name: engagement.name },
    });
  });
}
