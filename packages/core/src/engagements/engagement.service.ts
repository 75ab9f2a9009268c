import { isUniqueViolation, writeTransaction } from '@steppingstones/db';
import {
  type EngagementCreate,
  type EngagementDto,
  type EngagementUpdate,
  engagementCreateSchema,
  engagementUpdateSchema,
} from '@steppingstones/shared';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { appendDomainEvent } from '../outbox/index.ts';
import { inTransaction, type ServiceContext } from '../service-context.ts';
import { addEngagementMember } from '../users/membership.service.ts';
import { parseOrThrow } from '../zod-errors.ts';
import { toEngagementDto } from './engagement.mapper.ts';

export interface Actor {
  userId: number | null;
}

/**
 * Creates an engagement. A user who creates one leads it (and so sees it in their list) from the same
 * transaction: there is no moment in which the engagement exists and its creator cannot open it.
 */
export async function createEngagement(
  ctx: ServiceContext,
  input: EngagementCreate,
  actor: Actor = { userId: null },
): Promise<EngagementDto> {
  const data = parseOrThrow(engagementCreateSchema, input);
  const { db, clock } = ctx;
  return writeTransaction(db, async (tx) => {
    const inTx = inTransaction(ctx, tx);
    const clash = await tx
      .selectFrom('engagement')
      .select('id')
      .where('code', '=', data.code)
      .executeTakeFirst();
    const codeTaken = () =>
      ValidationError.field('code', `An engagement with the code "${data.code}" already exists.`);
    if (clash) throw codeTaken();
    const now = clock.now();
    const row = await tx
      .insertInto('engagement')
      .values({ ...data, archived: 0, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow()
      .catch((error: unknown) => {
        // Another writer took the code between the check above and this insert (PostgreSQL).
        if (isUniqueViolation(error)) throw codeTaken();
        throw error;
      });
    await appendDomainEvent(inTx, {
      type: 'engagement.created',
      engagementId: Number(row.id),
      actorUserId: actor.userId,
      payload: { engagementId: Number(row.id) },
    });
    if (actor.userId !== null) await addEngagementMember(inTx, Number(row.id), actor.userId, 'lead');
    return toEngagementDto(row);
  });
}

export async function updateEngagement(
  ctx: ServiceContext,
  id: number,
  input: EngagementUpdate,
  actor: Actor = { userId: null },
): Promise<EngagementDto> {
  const data = parseOrThrow(engagementUpdateSchema, input);
  const { db, clock } = ctx;
  return writeTransaction(db, async (tx) => {
    const current = await tx.selectFrom('engagement').selectAll().where('id', '=', id).executeTakeFirst();
    if (!current) throw new NotFoundError('The engagement');
    const start = data.start_date ?? current.start_date;
    const end = data.end_date ?? current.end_date;
    if (end < start) throw ValidationError.field('end_date', 'End date can not be before the start date');
    const { archived, breach_checks, ...rest } = data;
    const row = await tx
      .updateTable('engagement')
      .set({
        ...rest,
        ...(archived === undefined ? {} : { archived: archived ? 1 : 0 }),
        ...(breach_checks === undefined ? {} : { breach_checks: breach_checks ? 1 : 0 }),
        updated_at: clock.now(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendDomainEvent(inTransaction(ctx, tx), {
      type: 'engagement.updated',
      engagementId: id,
      actorUserId: actor.userId,
      payload: { engagementId: id },
    });
    return toEngagementDto(row);
  });
}

/** Archived engagements are read-only: every write service calls this inside its transaction. */
export function assertWritable(engagement: { archived: boolean | number; code: string }): void {
  if (engagement.archived)
    throw new ConflictError(`The engagement ${engagement.code} is archived and read-only.`);
}
