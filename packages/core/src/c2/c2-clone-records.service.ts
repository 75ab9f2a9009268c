import { type DB, writeTransaction } from '@steppingstones/db';
import { type EventFields, eventFieldsSchema } from '@steppingstones/shared/events';
import type { Kysely } from 'kysely';
import { assertWritable } from '../engagements/index.ts';
import { ValidationError } from '../errors.ts';
import { writeClonedEvent } from '../events/event.clone.ts';
import { resolveOperator } from '../events/event.operator.ts';
import type { Principal } from '../permissions/index.ts';
import { inTransaction, type ServiceContext } from '../service-context.ts';
import { parseOrThrow } from '../zod-errors.ts';
import {
  type DownloadForDraft,
  draftFromDownload,
  draftFromSession,
  type SessionForDraft,
} from './c2-record-draft.ts';
import { c2RecordEngagement } from './c2-session-access.ts';

const CLONE = ['c2.view', 'event.add'] as const;

async function sessionForDraft(db: Kysely<DB>, id: number): Promise<SessionForDraft> {
  const r = await db
    .selectFrom('c2_session as s')
    .innerJoin('c2_server as sv', 'sv.id', 's.server_id')
    .innerJoin('engagement as g', 'g.id', 'sv.engagement_id')
    .leftJoin('c2_session as p', 'p.id', 's.parent_id')
    .select([
      's.id',
      's.kind',
      's.host',
      's.user',
      's.process',
      's.pid',
      's.is_admin',
      's.os',
      's.os_version',
      's.os_build',
      's.listener',
      's.first_seen',
      'p.id as p_id',
      'p.host as p_host',
      'p.user as p_user',
      'p.process as p_process',
      'p.pid as p_pid',
      'sv.name as server_name',
      'g.id as engagement_id',
      'g.code as engagement_code',
    ])
    .where('s.id', '=', id)
    .executeTakeFirstOrThrow();
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    ...r,
    id: Number(r.id),
    pid: num(r.pid),
    is_admin: Number(r.is_admin),
    first_seen: Number(r.first_seen),
    engagement_id: Number(r.engagement_id),
    parent:
      r.p_id === null
        ? null
        : { host: r.p_host ?? '', user: r.p_user ?? '', process: r.p_process ?? '', pid: num(r.p_pid) },
  };
}

async function downloadForDraft(db: Kysely<DB>, id: number): Promise<DownloadForDraft> {
  const d = await db
    .selectFrom('c2_download')
    .select(['id', 'session_id', 'at', 'size', 'name', 'remote_path'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return {
    id: Number(d.id),
    at: Number(d.at),
    size: Number(d.size),
    name: d.name,
    remote_path: d.remote_path,
    session: await sessionForDraft(db, Number(d.session_id)),
  };
}

/** The event form pre-filled from a download (nothing is written). */
export async function eventDraftForDownload(db: Kysely<DB>, principal: Principal, id: number) {
  await c2RecordEngagement(db, principal, 'c2_download', id, CLONE);
  return draftFromDownload(db, await downloadForDraft(db, id));
}

/** The event form pre-filled from a session (nothing is written). */
export async function eventDraftForSession(db: Kysely<DB>, principal: Principal, id: number) {
  await c2RecordEngagement(db, principal, 'c2_session', id, CLONE);
  return draftFromSession(db, await sessionForDraft(db, id));
}

/** Saves the event the user sent for a download or a session, in its engagement, linked to it. */
export async function cloneC2RecordToEvent(
  ctx: ServiceContext,
  principal: Principal,
  table: 'c2_download' | 'c2_session',
  id: number,
  input: EventFields,
): Promise<{ event_id: number }> {
  const db = ctx.db;
  const e = await c2RecordEngagement(db, principal, table, id, CLONE);
  assertWritable(e);
  const data = parseOrThrow(eventFieldsSchema, { ...input, engagement: e.code });
  const eventId = await writeTransaction(db, async (tx) => {
    let operator = principal.userId;
    if (data.operator) operator = await resolveOperator(tx, e.engagementId, data.operator);
    else if (operator <= 0)
      throw ValidationError.field('operator', 'is required when the caller is not a user');
    return writeClonedEvent(inTransaction(ctx, tx), principal, e.engagementId, data, operator, { table, id });
  });
  return { event_id: eventId };
}
