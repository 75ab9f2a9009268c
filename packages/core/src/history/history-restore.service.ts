import { lockRows, writeTransaction } from '@steppingstones/db';
import { assertWritable } from '../engagements/index.ts';
import { NotFoundError } from '../errors.ts';
import { reindexEvents } from '../events/event.search-doc.ts';
import { writeEvent } from '../events/event.write.ts';
import { appendDomainEvent } from '../outbox/index.ts';
import {
  type Principal,
  requireEngagementAccess,
  requireEngagementPermission,
  requirePermission,
} from '../permissions/index.ts';
import { inTransaction, type ServiceContext } from '../service-context.ts';
import type { EventSnapshot } from './event-snapshot.ts';
import { recordEventRevision } from './revision.service.ts';
import { canUseTrash, requireOwnTrashAccess, requireRecoverAccess } from './trash.policy.ts';

/**
 * Brings an event back to an earlier revision (and back from the trash if it was deleted, which only
 * those who may use the trash can do: to anyone else a deleted event is not found). The restore is itself
 * a new revision: history only grows.
 */
export async function restoreEventRevision(
  ctx: ServiceContext,
  principal: Principal,
  eventId: number,
  revisionId: number,
): Promise<void> {
  requirePermission(principal, 'event.change');
  await writeTransaction(ctx.db, async (tx) => {
    const revision = await tx
      .selectFrom('event_revision')
      .select(['snapshot', 'engagement_id'])
      .where('id', '=', revisionId)
      .where('event_id', '=', eventId)
      .executeTakeFirst();
    if (!revision) throw new NotFoundError('The revision');
    requireEngagementPermission(principal, Number(revision.engagement_id), 'event.change', 'The revision');
    const event = await tx
      .selectFrom('event')
      .innerJoin('engagement', 'engagement.id', 'event.engagement_id')
      .select([
        'event.id',
        'event.version',
        'event.detected',
        'event.prevented',
        'event.starred',
        'event.deleted_at',
        'engagement.code',
        'engagement.archived',
      ])
      .where('event.id', '=', eventId)
      .$call(lockRows(tx, 'event'))
      .executeTakeFirst();
    if (!event || (event.deleted_at !== null && !canUseTrash(principal, Number(revision.engagement_id))))
      throw new NotFoundError('The event');
    assertWritable({ archived: event.archived, code: event.code });
    const s = JSON.parse(revision.snapshot) as EventSnapshot;
    if (event.deleted_at !== null)
      await tx.updateTable('event').set({ deleted_at: null }).where('id', '=', eventId).execute();
    await writeEvent(
      inTransaction(ctx, tx),
      principal.userId,
      Number(revision.engagement_id),
      { id: eventId, version: Number(event.version), detected: event.detected, prevented: event.prevented },
      {
        start_at: s.start_at,
        end_at: s.end_at,
        operator_user_id: s.operator_user_id,
        source: s.source,
        target: s.target,
        tactic_id: s.tactic_id,
        technique_id: s.technique_id,
        subtechnique_id: s.subtechnique_id,
        description: s.description,
        raw_evidence: s.raw_evidence,
        outcome: s.outcome,
        detected: s.detected,
        prevented: s.prevented,
        starred: Boolean(event.starred),
      },
      {
        tags: s.tags,
        files: s.files.map((f) => ({ file_id: f.file_id, location: f.location, removed: f.removed })),
        historyAction: event.deleted_at !== null ? 'undelete' : 'restore',
      },
    );
    await reindexEvents(tx, [eventId]);
  });
}

/**
 * Brings a deleted event back as it was when deleted: the operator who deleted it (Undo), or an
 * engagement administrator (see trash.policy.ts).
 */
export async function undeleteEvent(
  ctx: ServiceContext,
  principal: Principal,
  eventId: number,
): Promise<void> {
  requireOwnTrashAccess(principal);
  await writeTransaction(ctx.db, async (tx) => {
    const event = await tx
      .selectFrom('event')
      .innerJoin('engagement', 'engagement.id', 'event.engagement_id')
      .select([
        'event.engagement_id',
        'event.deleted_at',
        'event.version',
        'event.updated_by',
        'engagement.code',
        'engagement.archived',
      ])
      .where('event.id', '=', eventId)
      .executeTakeFirst();
    if (!event || event.deleted_at === null) throw new NotFoundError('The deleted event');
    requireEngagementAccess(principal, Number(event.engagement_id), 'The deleted event');
    const deletedBy = event.updated_by === null ? null : Number(event.updated_by);
    requireRecoverAccess(principal, Number(event.engagement_id), deletedBy);
    assertWritable({ archived: event.archived, code: event.code });
    await tx
      .updateTable('event')
      .set({
        deleted_at: null,
        version: Number(event.version) + 1,
        updated_at: ctx.clock.now(),
        updated_by: principal.userId || null,
      })
      .where('id', '=', eventId)
      .execute();
    await reindexEvents(tx, [eventId]);
    await recordEventRevision(inTransaction(ctx, tx), {
      eventId,
      action: 'undelete',
      actorUserId: principal.userId || null,
    });
    await appendDomainEvent(inTransaction(ctx, tx), {
      type: 'event.created',
      engagementId: Number(event.engagement_id),
      actorUserId: principal.userId || null,
      payload: { eventId, undeleted: true },
    });
  });
}
