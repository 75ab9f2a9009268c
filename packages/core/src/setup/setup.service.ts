import fs from 'node:fs';
import { type DB, writeTransaction } from '@steppingstones/db';
import { type SetupInput, setupSchema } from '@steppingstones/shared';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../errors.ts';
import { appendDomainEvent } from '../outbox/index.ts';
import { inTransaction, type ServiceContext } from '../service-context.ts';
import { checkPasswordRules, hashPassword } from '../users/password.ts';
import { userCount } from '../users/user.queries.ts';
import { insertUser } from '../users/user.service.ts';
import { parseOrThrow } from '../zod-errors.ts';
import { SETUP_TOKEN_STATE_KEY, setupTokenMatches } from './setup-token.ts';

const alreadyDone = () => new ConflictError('Setup is already done. Sign in instead.');

export async function setupNeeded(db: Kysely<DB>): Promise<boolean> {
  return (await userCount(db)) === 0;
}

/**
 * First run: creates the first engagement and the superuser (a member of it) in ONE transaction that
 * consumes the setup token row. A concurrent second attempt finds the row gone (PostgreSQL waits on the
 * row lock, SQLite on BEGIN IMMEDIATE) and gets 409; a wrong token gets 403.
 */
/**
 * Step 1 of the wizard: whether a presented token is the setup token, without consuming it (only
 * completing setup does). After setup it is never valid.
 */
export async function checkSetupToken(db: ServiceContext['db'], token: string): Promise<boolean> {
  if (!(await setupNeeded(db))) return false;
  const stored = await db
    .selectFrom('app_state')
    .select('value')
    .where('key', '=', SETUP_TOKEN_STATE_KEY)
    .executeTakeFirst();
  return stored ? setupTokenMatches(token.trim(), stored.value) : false;
}

export async function completeSetup(
  ctx: ServiceContext,
  input: SetupInput,
  options: { tokenFile: string; ip: string },
): Promise<void> {
  const { db } = ctx;
  const data = parseOrThrow(setupSchema, input);
  if (!(await setupNeeded(db))) throw alreadyDone();
  const stored = await db
    .selectFrom('app_state')
    .select('value')
    .where('key', '=', SETUP_TOKEN_STATE_KEY)
    .executeTakeFirst();
  if (!stored) throw alreadyDone();
  if (!setupTokenMatches(data.token.trim(), stored.value))
    throw new ForbiddenError(
      'The setup token is wrong. Copy it from the server output or the setup-token file.',
    );
  if (data.engagement.end_date < data.engagement.start_date)
    throw ValidationError.field('engagement.end_date', 'End date can not be before the start date');
  checkPasswordRules(data.user.password, data.user.username, 'user.password');
  const hash = await hashPassword(data.user.password);

  await writeTransaction(db, async (tx) => {
    const consumed = await tx
      .deleteFrom('app_state')
      .where('key', '=', SETUP_TOKEN_STATE_KEY)
      .where('value', '=', stored.value)
      .executeTakeFirst();
    if (Number(consumed.numDeletedRows) !== 1 || (await userCount(tx)) > 0) throw alreadyDone();
    const inTx = inTransaction(ctx, tx);
    const now = ctx.clock.now();
    const engagement = await tx
      .insertInto('engagement')
      .values({
        code: data.engagement.code,
        name: data.engagement.name,
        description: data.engagement.description ?? '',
        start_date: data.engagement.start_date,
        end_date: data.engagement.end_date,
        archived: 0,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = await insertUser(
      inTx,
      {
        username: data.user.username,
        password: data.user.password,
        is_superuser: true,
        // The first user leads the first engagement (as a superuser they hold every code anyway).
        memberships: [{ engagement: data.engagement.code, role: 'lead' }],
        timezone: data.user.timezone,
      },
      hash,
    );
    await appendDomainEvent(inTx, {
      type: 'engagement.created',
      engagementId: Number(engagement.id),
      actorUserId: Number(user.id),
      payload: { engagementId: Number(engagement.id) },
    });
    await recordAudit(
      inTx,
      { userId: Number(user.id), username: user.username, ip: options.ip },
      { action: 'setup.completed', target: user.username, details: { engagement: data.engagement.code } },
    );
  });
  fs.rmSync(options.tokenFile, { force: true });
}
