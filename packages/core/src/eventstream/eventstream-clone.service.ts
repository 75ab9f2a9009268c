import { type DB, writeTransaction } from '@steppingstones/db';
import { type EventFields, eventFieldsSchema } from '@steppingstones/shared/events';
import type { EventStreamBulkCloneResult } from '@steppingstones/shared/eventstream';
import type { Kysely } from 'kysely';
import { assertWritable } from '../engagements/index.ts';
import { DomainError, NotFoundError, ValidationError } from '../errors.ts';
import { writeClonedEvent } from '../events/event.clone.ts';
import { resolveOperator } from '../events/event.operator.ts';
import { type Principal, requireEngagementPermission } from '../permissions/index.ts';
import { inTransaction, type ServiceContext, transactionOf } from '../service-context.ts';
import { parseOrThrow } from '../zod-errors.ts';
import { draftFromLine, type EventDraft } from './eventstream-draft.ts';
import { eventstreamEngagement } from './eventstream-engagement.ts';

/** A line and its engagement, after the caller's permission there (not a member: 404). */
async function loadLine(
  db: Kysely<DB>,
  principal: Principal,
  lineId: number,
  code: 'eventstream.view' | 'event.add',
) {
  const line = await db
    .selectFrom('eventstream_line as l')
    .innerJoin('engagement as g', 'g.id', 'l.engagement_id')
    .selectAll('l')
    .select(['g.code as engagement_code', 'g.archived'])
    .where('l.id', '=', lineId)
    .executeTakeFirst();
  if (!line) throw new NotFoundError('The EventStream line');
  requireEngagementPermission(
    principal,
    Number(line.engagement_id),
    'eventstream.view',
    'The EventStream line',
  );
  requireEngagementPermission(principal, Number(line.engagement_id), code, 'The EventStream line');
  return line;
}

/** Clone to event, step one: the event form pre-filled from the line. Nothing is written. */
export async function eventDraftForLine(
  db: Kysely<DB>,
  principal: Principal,
  lineId: number,
): Promise<EventDraft> {
  const line = await loadLine(db, principal, lineId, 'event.add');
  return draftFromLine(db, line, line.engagement_code);
}

function selfOperator(principal: Principal): number {
  if (principal.userId > 0) return principal.userId;
  throw ValidationError.field('operator', 'is required when the caller is not a user (CLI, worker)');
}

/** Writes the event of `fields` in the line's engagement and links the line to it. */
async function writeClone(
  ctx: ServiceContext,
  principal: Principal,
  engagementId: number,
  lineId: number,
  input: EventFields,
) {
  const data = parseOrThrow(eventFieldsSchema, input);
  const operator = data.operator
    ? await resolveOperator(transactionOf(ctx), engagementId, data.operator)
    : selfOperator(principal);
  return writeClonedEvent(ctx, principal, engagementId, data, operator, {
    table: 'eventstream_line',
    id: lineId,
  });
}

/**
 * Clone to event, step two: the event as the user saved the form (contexts are created now, not when
 * the form opened), always in the line's engagement, linked to the line in the same transaction.
 */
export async function cloneLineToEvent(
  ctx: ServiceContext,
  principal: Principal,
  lineId: number,
  fields: EventFields,
): Promise<{ line_id: number; event_id: number }> {
  const db = ctx.db;
  const line = await loadLine(db, principal, lineId, 'event.add');
  assertWritable({ archived: line.archived, code: line.engagement_code });
  const eventId = await writeTransaction(db, (tx) =>
    writeClone(inTransaction(ctx, tx), principal, Number(line.engagement_id), lineId, {
      ...fields,
      engagement: line.engagement_code,
    }),
  );
  return { line_id: lineId, event_id: eventId };
}

/**
 * Clone selected: each line becomes an event with its draft's values, linked to it. A line already
 * cloned (into an event that still exists) is skipped, as is one whose draft the event rules refuse
 * (with the reason); the others are written in one transaction.
 */
export async function cloneLinesToEvents(
  ctx: ServiceContext,
  principal: Principal,
  engagementCode: string,
  ids: number[],
): Promise<EventStreamBulkCloneResult> {
  const db = ctx.db;
  const engagement = await eventstreamEngagement(db, principal, engagementCode, 'eventstream.view');
  requireEngagementPermission(principal, engagement.id, 'event.add', `The engagement "${engagementCode}"`);
  assertWritable(engagement);
  const lines = await db
    .selectFrom('eventstream_line as l')
    .leftJoin('event as ev', (j) => j.onRef('ev.id', '=', 'l.event_id').on('ev.deleted_at', 'is', null))
    .selectAll('l')
    .select('ev.id as live_event_id')
    .where('l.engagement_id', '=', engagement.id)
    .where('l.id', 'in', [...new Set(ids)])
    .orderBy('l.start_at')
    .orderBy('l.id')
    .execute();
  const result: EventStreamBulkCloneResult = { cloned: [], skipped: [] };
  const found = new Set(lines.map((l) => Number(l.id)));
  for (const id of ids)
    if (!found.has(id)) result.skipped.push({ line_id: id, reason: 'no such line in this engagement' });
  const drafts: EventDraft[] = [];
  for (const line of lines) {
    if (line.live_event_id !== null) {
      result.skipped.push({
        line_id: Number(line.id),
        reason: `already cloned into event ${line.live_event_id}`,
      });
      continue;
    }
    drafts.push(await draftFromLine(db, line, engagement.code));
  }
  await writeTransaction(db, async (tx) => {
    for (const draft of drafts) {
      // The event rules check before the event writes anything, so a refused line leaves the
      // transaction usable and is skipped without undoing the others.
      try {
        const eventId = await writeClone(
          inTransaction(ctx, tx),
          principal,
          engagement.id,
          draft.line_id,
          draft.fields,
        );
        result.cloned.push({ line_id: draft.line_id, event_id: eventId });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        result.skipped.push({ line_id: draft.line_id, reason: error.message });
      }
    }
  });
  return result;
}
