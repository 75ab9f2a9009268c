import { dialectOf, writeTransaction } from '@steppingstones/db';
import { type BulkEditResult, bulkEditSchema } from '@steppingstones/shared/bulk-edit';
import { type SqlBool, sql } from 'kysely';
import { assertWritable } from '../engagements/index.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../errors.ts';
import { engagementByCode } from '../events/engagement-choice.ts';
import { eventFilterConditions } from '../events/event.filter.ts';
import { restoreBulkTagMasks } from '../events/event.mask-restore.ts';
import { reindexEvents } from '../events/event.search-doc.ts';
import { recordEventRevision } from '../history/revision.service.ts';
import { appendDomainEvent } from '../outbox/index.ts';
import {
  hasPermission,
  type Principal,
  principalInEngagement,
  requireEngagementPermission,
} from '../permissions/index.ts';
import { redactEvidence } from '../redaction/index.ts';
import { inTransaction, type ServiceContext } from '../service-context.ts';
import { ensureTags } from '../tags/index.ts';
import { parseOrThrow } from '../zod-errors.ts';

/** The grid filter as a message may carry it off the app: a search for a hash or password is masked. */
function maskedFilter(filter: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter))
    if (value !== undefined)
      out[key] = key === 'search' && typeof value === 'string' ? redactEvidence(value) : value;
  return out;
}

/** How many event ids one outbox message lists; beyond it, clients refetch the whole grid. */
const IDS_IN_MESSAGE = 1000;

function requireBulkPermission(
  principal: Principal,
  changes: {
    add_tags?: string[];
    remove_tags?: string[];
    starred?: boolean;
    clear_stars?: boolean;
    detected?: string;
    prevented?: string;
  },
): void {
  const content = Boolean(
    changes.add_tags?.length ||
      changes.remove_tags?.length ||
      changes.starred !== undefined ||
      changes.clear_stars,
  );
  const detection = changes.detected !== undefined || changes.prevented !== undefined;
  if (content && !hasPermission(principal, 'event.change'))
    throw new ForbiddenError('You need the event.change permission to do this.');
  if (
    detection &&
    !hasPermission(principal, 'event.change') &&
    !hasPermission(principal, 'event.change_limited')
  ) {
    throw new ForbiddenError('You need the event.change or event.change_limited permission to do this.');
  }
}

/**
 * Applies one change to many events: the selected ids or everything under the grid's filter. Refuses
 * (409) when the rows matching now are not as many as the user saw. Every changed event gets a history
 * revision; the whole edit is one transaction and one outbox message, so live grids refetch once.
 */
export async function bulkEditEvents(
  ctx: ServiceContext,
  principal: Principal,
  input: unknown,
): Promise<BulkEditResult> {
  const data = parseOrThrow(bulkEditSchema, input);
  requireBulkPermission(principal, data.changes);
  return writeTransaction(ctx.db, async (tx) => {
    const inTx = inTransaction(ctx, tx);
    const engagement = await engagementByCode(tx, principal, data.engagement);
    // What the caller may change comes from their role in this engagement.
    const inEngagement = principalInEngagement(principal, engagement.id);
    requireEngagementPermission(principal, engagement.id, 'event.view', 'The engagement');
    requireBulkPermission(inEngagement, data.changes);
    assertWritable({ archived: engagement.archived, code: engagement.code });
    const conditions = eventFilterConditions(dialectOf(tx), inEngagement, data.filter ?? {}, [engagement.id]);
    if (data.ids) conditions.push(sql<SqlBool>`event.id in (${sql.join(data.ids)})`);
    const rows = await tx
      .selectFrom('event')
      .select('event.id')
      .where((eb) => eb.and(conditions))
      .orderBy('event.id')
      .execute();
    const ids = rows.map((r) => Number(r.id));
    if (ids.length !== data.expected_count) {
      throw new ConflictError(
        `The selection now holds ${ids.length} event(s), not the ${data.expected_count} you saw: someone changed the log meanwhile. Refresh and try again.`,
        { count: ids.length },
      );
    }
    if (ids.length > 20_000)
      throw ValidationError.field(
        'filter',
        'A bulk edit changes at most 20000 events at once; narrow the filter.',
      );
    if (!ids.length) return { count: 0, changed: 0 };

    const changes = await restoreBulkTagMasks(tx, principal, engagement.id, data.changes);
    const now = ctx.clock.now();
    const actor = principal.userId || null;
    const contentChange = Boolean(
      changes.add_tags?.length || changes.remove_tags?.length || changes.detected || changes.prevented,
    );
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      if (changes.add_tags?.length) {
        const tagIds = await ensureTags(inTx, engagement.id, changes.add_tags);
        for (const tagId of tagIds) {
          await tx
            .insertInto('event_tag')
            .columns(['event_id', 'tag_id'])
            .expression((eb) =>
              eb
                .selectFrom('event')
                .select(['event.id as event_id', sql<number>`${tagId}`.as('tag_id')])
                .where('event.id', 'in', chunk)
                .where((w) =>
                  w.not(
                    w.exists(
                      w
                        .selectFrom('event_tag')
                        .select('event_tag.tag_id')
                        .whereRef('event_tag.event_id', '=', 'event.id')
                        .where('event_tag.tag_id', '=', tagId),
                    ),
                  ),
                ),
            )
            .execute();
        }
      }
      if (changes.remove_tags?.length) {
        const lower = changes.remove_tags.map((t) => t.toLowerCase());
        await tx
          .deleteFrom('event_tag')
          .where('event_id', 'in', chunk)
          .where('tag_id', 'in', (eb) =>
            eb
              .selectFrom('tag')
              .select('id')
              .where('engagement_id', '=', engagement.id)
              .where('name_lower', 'in', lower),
          )
          .execute();
      }
      const set: Record<string, unknown> = {};
      if (changes.detected) set.detected = changes.detected;
      if (changes.prevented) set.prevented = changes.prevented;
      if (contentChange) {
        await tx
          .updateTable('event')
          .set((eb) => ({ ...set, version: eb('version', '+', 1), updated_at: now, updated_by: actor }))
          .where('id', 'in', chunk)
          .execute();
        await reindexEvents(tx, chunk);
        for (const id of chunk)
          await recordEventRevision(inTx, { eventId: id, action: 'update', actorUserId: actor });
      }
      // Stars are markers, not content: no version bump, no revision (as for a single star).
      const starred = changes.clear_stars ? false : changes.starred;
      if (starred !== undefined)
        await tx
          .updateTable('event')
          .set({ starred: starred ? 1 : 0 })
          .where('id', 'in', chunk)
          .execute();
    }
    await appendDomainEvent(inTx, {
      type: 'event.bulk_updated',
      engagementId: engagement.id,
      actorUserId: actor,
      payload: {
        count: ids.length,
        eventIds: ids.slice(0, IDS_IN_MESSAGE),
        truncated: ids.length > IDS_IN_MESSAGE,
        detection: Boolean(changes.detected || changes.prevented),
        content: Boolean(changes.add_tags?.length || changes.remove_tags?.length),
        // What was selected, for the one webhook message of a large edit (search terms masked).
        filter: data.ids ? { ids: data.ids.length } : maskedFilter(data.filter ?? {}),
      },
    });
    return { count: ids.length, changed: ids.length };
  });
}
