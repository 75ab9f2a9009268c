import { type DB, writeTransaction } from '@steppingstones/db';
import { type EventFields, eventFieldsSchema } from '@steppingstones/shared/events';
import type { Kysely } from 'kysely';
import { assertWritable } from '../engagements/index.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { writeClonedEvent } from '../events/event.clone.ts';
import { resolveOperator } from '../events/event.operator.ts';
import { canAccessEngagement, type Principal, requireEngagementPermission } from '../permissions/index.ts';
import { inTransaction, type ServiceContext } from '../service-context.ts';
import { parseOrThrow } from '../zod-errors.ts';
import { type C2EventDraft, draftFromAction } from './c2-draft.ts';

const WHAT = 'The C2 action';

async function loadAction(db: Kysely<DB>, principal: Principal, id: number) {
  const row = await db
    .selectFrom('c2_action as a')
    .innerJoin('c2_session as s', 's.id', 'a.session_id')
    .innerJoin('c2_server as sv', 'sv.id', 's.server_id')
    .innerJoin('engagement as g', 'g.id', 'sv.engagement_id')
    .leftJoin('c2_session as p', 'p.id', 's.parent_id')
    .selectAll('a')
    .select([
      's.host',
      's.user',
      's.process',
      's.pid',
      'p.host as p_host',
      'p.user as p_user',
      'p.process as p_process',
      'p.pid as p_pid',
      'p.id as p_id',
      'sv.name as server_name',
      'g.id as engagement_id',
      'g.code as engagement_code',
      'g.archived',
    ])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!row || !canAccessEngagement(principal, Number(row.engagement_id))) throw new NotFoundError(WHAT);
  requireEngagementPermission(principal, Number(row.engagement_id), 'c2.view', WHAT);
  requireEngagementPermission(principal, Number(row.engagement_id), 'event.add', WHAT);
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    ...row,
    id: Number(row.id),
    engagement_id: Number(row.engagement_id),
    session: { host: row.host, user: row.user, process: row.process, pid: num(row.pid) },
    parent:
      row.p_id === null
        ? null
        : {
            host: row.p_host ?? '',
            user: row.p_user ?? '',
            process: row.p_process ?? '',
            pid: num(row.p_pid),
          },
  };
}

/** Clone to event, step one: the event form pre-filled from the action (§ mappings in docs/c2.md). */
export async function eventDraftForAction(
  db: Kysely<DB>,
  principal: Principal,
  id: number,
): Promise<C2EventDraft> {
  return draftFromAction(db, await loadAction(db, principal, id));
}

/** Clone to event, step two: the event as saved, in the action's engagement, linked to the action. */
export async function cloneActionToEvent(
  ctx: ServiceContext,
  principal: Principal,
  id: number,
  input: EventFields,
): Promise<{ action_id: number; event_id: number }> {
  const db = ctx.db;
  const action = await loadAction(db, principal, id);
  assertWritable({ archived: action.archived, code: action.engagement_code });
  const data = parseOrThrow(eventFieldsSchema, { ...input, engagement: action.engagement_code });
  const eventId = await writeTransaction(db, async (tx) => {
    let operator = principal.userId;
    if (data.operator) operator = await resolveOperator(tx, action.engagement_id, data.operator);
    else if (operator <= 0)
      throw ValidationError.field('operator', 'is required when the caller is not a user');
    return writeClonedEvent(inTransaction(ctx, tx), principal, action.engagement_id, data, operator, {
      table: 'c2_action',
      id,
    });
  });
  return { action_id: id, event_id: eventId };
}

/**
 * *Clone selected*: each action becomes the event its draft describes, in one transaction; actions
 * already cloned are skipped (with the event they link to), so clicking twice adds nothing.
 */
export async function cloneActionsToEvents(
  ctx: ServiceContext,
  principal: Principal,
  ids: readonly number[],
): Promise<{
  cloned: Array<{ action_id: number; event_id: number }>;
  skipped: Array<{ action_id: number; reason: string }>;
}> {
  const db = ctx.db;
  const skipped: Array<{ action_id: number; reason: string }> = [];
  const todo: Array<{ id: number; engagementId: number; fields: EventFields; operator?: string }> = [];
  for (const id of [...new Set(ids)]) {
    const action = await loadAction(db, principal, id);
    assertWritable({ archived: action.archived, code: action.engagement_code });
    if (action.event_id !== null) {
      skipped.push({ action_id: id, reason: `already cloned to event ${Number(action.event_id)}` });
      continue;
    }
    const draft = await draftFromAction(db, action);
    todo.push({
      id,
      engagementId: action.engagement_id,
      fields: draft.fields,
      operator: draft.fields.operator,
    });
  }
  const cloned = await writeTransaction(db, async (tx) => {
    const out: Array<{ action_id: number; event_id: number }> = [];
    for (const t of todo) {
      const data = parseOrThrow(eventFieldsSchema, t.fields);
      let operator = principal.userId;
      if (t.operator) operator = await resolveOperator(tx, t.engagementId, t.operator);
      else if (operator <= 0)
        throw ValidationError.field('operator', 'is required when the caller is not a user');
      const eventId = await writeClonedEvent(
        inTransaction(ctx, tx),
        principal,
        t.engagementId,
        data,
        operator,
        {
          table: 'c2_action',
          id: t.id,
        },
      );
      out.push({ action_id: t.id, event_id: eventId });
    }
    return out;
  });
  return { cloned, skipped };
}
