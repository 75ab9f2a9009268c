import { writeTransaction } from '@steppingstones/db';
import { passwordChangeSchema, preferencesSchema } from '@steppingstones/shared';
import type { z } from 'zod';
import { type AuditActor, recordAudit } from '../audit/index.ts';
import { ValidationError } from '../errors.ts';
import { canAccessEngagement, type Principal } from '../permissions/index.ts';
import { inTransaction, type ServiceContext } from '../service-context.ts';
import { parseOrThrow } from '../zod-errors.ts';
import { revokeUserCredentials } from './credentials-revocation.ts';
import { checkPasswordRules, hashPassword, verifyPassword } from './password.ts';
import { getUserRow } from './user.queries.ts';

/** Changes the caller's own password and ends every session and token they hold. */
export async function changeOwnPassword(
  ctx: ServiceContext,
  userId: number,
  input: z.input<typeof passwordChangeSchema>,
  actor: AuditActor,
): Promise<void> {
  const data = parseOrThrow(passwordChangeSchema, input);
  const user = await getUserRow(ctx.db, userId);
  if (!(await verifyPassword(data.current_password, user.password_hash)))
    throw ValidationError.field('current_password', 'Your current password was entered incorrectly.');
  checkPasswordRules(data.new_password, user.username, 'new_password');
  if (data.new_password === data.current_password)
    throw ValidationError.field('new_password', 'must differ from the current password');
  const hash = await hashPassword(data.new_password);
  await writeTransaction(ctx.db, async (tx) => {
    await tx
      .updateTable('app_user')
      .set({ password_hash: hash, password_changed_at: ctx.clock.now() })
      .where('id', '=', userId)
      .execute();
    await revokeUserCredentials(inTransaction(ctx, tx), userId);
    await recordAudit(inTransaction(ctx, tx), actor, {
      action: 'user.password_changed',
      target: user.username,
    });
  });
}

/** Timezone, theme and current engagement (which must be one the user may see). */
export async function updatePreferences(
  ctx: ServiceContext,
  principal: Principal,
  input: z.input<typeof preferencesSchema>,
): Promise<void> {
  const { db } = ctx;
  const data = parseOrThrow(preferencesSchema, input);
  let currentEngagementId: number | null | undefined;
  if (data.current_engagement !== undefined) {
    if (data.current_engagement === null) currentEngagementId = null;
    else {
      const e = await db
        .selectFrom('engagement')
        .select('id')
        .where('code', '=', data.current_engagement)
        .executeTakeFirst();
      if (!e || !canAccessEngagement(principal, Number(e.id)))
        throw ValidationError.field('current_engagement', 'No such engagement among yours.');
      currentEngagementId = Number(e.id);
    }
  }
  await writeTransaction(db, async (tx) => {
    await tx
      .updateTable('app_user')
      .set({
        ...(data.timezone === undefined ? {} : { timezone: data.timezone }),
        ...(data.theme === undefined ? {} : { theme: data.theme }),
        ...(currentEngagementId === undefined ? {} : { current_engagement_id: currentEngagementId }),
        updated_at: ctx.clock.now(),
      })
      .where('id', '=', principal.userId)
      .execute();
  });
}
