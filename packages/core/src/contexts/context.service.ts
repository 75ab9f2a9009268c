import { writeTransaction } from '@steppingstones/db';
import { type ContextDto, type ContextUpdate, contextUpdateSchema } from '@steppingstones/shared/events';
import { assertWritable } from '../engagements/index.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { canSeeCredentials, redactorFor } from '../events/event.redaction.ts';
import { reindexEventsUsingContext } from '../events/event.search-doc.ts';
import { recordEventRevision } from '../history/revision.service.ts';
import { appendDomainEvent } from '../outbox/index.ts';
import {
  type Principal,
  principalInEngagement,
  requireEngagementPermission,
  requirePermission,
} from '../permissions/index.ts';
import { restoreMasks } from '../redaction/index.ts';
import { type ClockedHandle, inTransaction, type ServiceContext, transactionOf } from '../service-context.ts';
import { parseOrThrow } from '../zod-errors.ts';
import { toContextDto } from './context.mapper.ts';

interface ContextParts {
  host: string;
  user: string;
  process: string;
}

/**
 * Get-or-create on the exact (case-sensitive) triple within the engagement, marking it as just used
 * (the picker lists contexts by recent use): one upsert, so concurrent creators of the same context
 * end on one row.
 */
export async function getOrCreateContext(
  ctx: ClockedHandle,
  engagementId: number,
  parts: ContextParts,
): Promise<number> {
  const { clock } = ctx;
  const tx = transactionOf(ctx);
  const now = clock.now();
  const row = await tx
    .insertInto('context')
    .values({ engagement_id: engagementId, ...parts, last_used_at: now, created_at: now, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['engagement_id', 'host', 'user', 'process']).doUpdateSet({ last_used_at: now }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export interface ContextUpdateResult {
  context: ContextDto;
  /** How many events of the engagement use this context (as source or target) and changed with it. */
  shared_event_count: number;
}

/**
 * Edits a shared context in place: every event of the engagement using it changes too (the response
 * says how many). Turning it into a copy of another context is a 409 naming that context.
 */
export async function updateContext(
  ctx: ServiceContext,
  principal: Principal,
  id: number,
  input: ContextUpdate,
): Promise<ContextUpdateResult> {
  requirePermission(principal, 'context.change');
  const { red_team_infrastructure: flag, ...given } = parseOrThrow(contextUpdateSchema, input);
  const parts = { host: given.host, user: given.user, process: given.process };
  return writeTransaction(ctx.db, async (tx) => {
    const current = await tx
      .selectFrom('context')
      .innerJoin('engagement', 'engagement.id', 'context.engagement_id')
      .select([
        'context.id',
        'context.engagement_id',
        'context.host',
        'context.user',
        'context.process',
        'engagement.code',
        'engagement.archived',
      ])
      .where('context.id', '=', id)
      .executeTakeFirst();
    if (!current) throw new NotFoundError('The context');
    const engagementId = Number(current.engagement_id);
    requireEngagementPermission(principal, engagementId, 'context.change', 'The context');
    assertWritable(current);
    // A caller who sees the context masked (a token without credential.view) saves what they saw:
    // each mask still standing gets its hidden value back, and the answer is masked for them too.
    const inEngagement = principalInEngagement(principal, engagementId);
    if (!canSeeCredentials(inEngagement))
      for (const part of ['host', 'user', 'process'] as const)
        if (parts[part] !== current[part]) parts[part] = restoreMasks(part, parts[part], current[part]);
    const clash = await tx
      .selectFrom('context')
      .select('id')
      .where('engagement_id', '=', engagementId)
      .where('host', '=', parts.host)
      .where('user', '=', parts.user)
      .where('process', '=', parts.process)
      .where('id', '!=', id)
      .executeTakeFirst();
    if (clash)
      throw new ConflictError(
        'Another context of this engagement already has these host, user and process.',
        {
          existing_id: Number(clash.id),
        },
      );
    const row = await tx
      .updateTable('context')
      .set((eb) => ({
        ...parts,
        ...(flag === undefined ? {} : { red_team_infrastructure: flag ? 1 : 0 }),
        updated_at: ctx.clock.now(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .returning(['id', 'host', 'user', 'process', 'red_team_infrastructure'])
      .executeTakeFirstOrThrow();
    const count = await reindexEventsUsingContext(tx, id);
    // Every event pointing at this context now reads differently: each gets a revision, so history
    // shows the change and `history verify` still finds every event equal to its latest revision.
    const affected = await tx
      .selectFrom('event')
      .select('id')
      .where('engagement_id', '=', engagementId)
      .where((eb) => eb.or([eb('source_context_id', '=', id), eb('target_context_id', '=', id)]))
      .orderBy('id')
      .execute();
    for (const e of affected) {
      await recordEventRevision(inTransaction(ctx, tx), {
        eventId: Number(e.id),
        action: 'update',
        actorUserId: principal.userId || null,
      });
    }
    await appendDomainEvent(inTransaction(ctx, tx), {
      type: 'context.updated',
      engagementId,
      actorUserId: principal.userId || null,
      payload: { contextId: id },
    });
    return { context: toContextDto(row, redactorFor(inEngagement)), shared_event_count: count };
  });
}
