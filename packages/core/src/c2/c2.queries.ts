import type { DB } from '@steppingstones/db';
import type {
  C2ActionDto,
  C2ActionQuery,
  C2DownloadDto,
  C2ListQuery,
  C2ServerDto,
  C2SessionDto,
} from '@steppingstones/shared/c2';
import { parseIsoTimestamp } from '@steppingstones/shared/events';
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import { ValidationError } from '../errors.ts';
import type { Principal } from '../permissions/index.ts';
import {
  type PresenceSpan,
  type SessionRow,
  toActionDto,
  toDownloadDto,
  toServerDto,
  toSessionDto,
} from './c2.mapper.ts';
import { c2Engagement } from './c2-engagement.ts';
import { excludedSessionIds, notExcluded } from './c2-exclusions.ts';
import { type C2Page, keysetPage } from './c2-paging.ts';

const inEngagement = (id: number) => sql<SqlBool>`sv.engagement_id = ${id}`;

function timeBound(field: 'from' | 'to', value: string | undefined): number | null {
  if (value === undefined || value === '') return null;
  const ms = parseIsoTimestamp(value);
  if (ms === null)
    throw ValidationError.field(field, 'must be an ISO-8601 date and time, e.g. 2026-01-31T14:02:00Z');
  return ms;
}

const SEARCHED = [
  'a.operator',
  'a.input',
  'a.task',
  'a.attack_ids',
  'a.output',
  'a.errors',
  'a.indicators',
  's.host',
  's.user',
  's.process',
  's.external_id',
  's.internal',
  's.external',
];

/** The servers of an engagement (team servers and imported archives), newest first. */
export async function listC2Servers(
  db: Kysely<DB>,
  principal: Principal,
  query: C2ListQuery,
): Promise<C2Page<C2ServerDto>> {
  const e = await c2Engagement(db, principal, query.engagement, 'c2.view');
  return keysetPage(
    db,
    () =>
      db
        .selectFrom('c2_server as sv')
        .select([
          'sv.id',
          'sv.name',
          'sv.kind',
          'sv.created_at',
          'sv.follower_batch_at',
          'sv.follower_lag_ms',
        ]),
    [inEngagement(e.id)],
    { time: sql`sv.created_at`, id: sql`sv.id` },
    query,
    toServerDto,
  );
}

/** The sessions of an engagement, the latest seen first. */
export async function listC2Sessions(
  db: Kysely<DB>,
  principal: Principal,
  query: C2ListQuery,
): Promise<C2Page<C2SessionDto>> {
  const e = await c2Engagement(db, principal, query.engagement, 'c2.view');
  const page = await keysetPage(
    db,
    () =>
      db
        .selectFrom('c2_session as s')
        .innerJoin('c2_server as sv', 'sv.id', 's.server_id')
        .leftJoin('c2_watch as w', 'w.session_id', 's.id')
        .selectAll('s')
        .select(sql<number>`case when w.id is null then 0 else 1 end`.as('watched')),
    [inEngagement(e.id), notExcluded(await excludedSessionIds(db, e.id))],
    { time: sql`s.last_seen`, id: sql`s.id` },
    query,
    (r) => r as unknown as SessionRow,
  );
  const presences = await presencesOf(
    db,
    page.results.map((r) => Number(r.id)),
  );
  return { ...page, results: page.results.map((r) => toSessionDto(r, presences.get(Number(r.id)))) };
}

/** The presence intervals of a page's sessions, oldest first. */
async function presencesOf(db: Kysely<DB>, sessionIds: number[]): Promise<Map<number, PresenceSpan[]>> {
  const out = new Map<number, PresenceSpan[]>();
  if (sessionIds.length === 0) return out;
  const rows = await db
    .selectFrom('c2_presence')
    .select(['session_id', 'start_at', 'end_at'])
    .where('session_id', 'in', sessionIds)
    .orderBy('session_id')
    .orderBy('start_at')
    .execute();
  for (const r of rows) {
    const span = { start: Number(r.start_at), end: Number(r.end_at) };
    const list = out.get(Number(r.session_id));
    if (list) list.push(span);
    else out.set(Number(r.session_id), [span]);
  }
  return out;
}

/** Operator actions, newest first: of one session, in a time range, matching every search word somewhere. */
export async function listC2Actions(
  db: Kysely<DB>,
  principal: Principal,
  query: C2ActionQuery,
): Promise<C2Page<C2ActionDto>> {
  const e = await c2Engagement(db, principal, query.engagement, 'c2.view');
  const where: Expression<SqlBool>[] = [inEngagement(e.id), notExcluded(await excludedSessionIds(db, e.id))];
  const from = timeBound('from', query.from);
  const to = timeBound('to', query.to);
  if (from !== null) where.push(sql<SqlBool>`a.start_at >= ${from}`);
  if (to !== null) where.push(sql<SqlBool>`a.start_at <= ${to}`);
  if (query.session) where.push(sql<SqlBool>`a.session_id = ${query.session}`);
  for (const term of (query.search ?? '').split(/\s+/).filter(Boolean)) {
    const pattern = `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      sql<SqlBool>`(${sql.join(
        SEARCHED.map((c) => sql`lower(${sql.ref(c)}) like ${pattern} escape '\\'`),
        sql` or `,
      )})`,
    );
  }
  return keysetPage(
    db,
    () =>
      db
        .selectFrom('c2_action as a')
        .innerJoin('c2_session as s', 's.id', 'a.session_id')
        .innerJoin('c2_server as sv', 'sv.id', 's.server_id')
        .selectAll('a'),
    where,
    { time: sql`a.start_at`, id: sql`a.id` },
    query,
    toActionDto,
  );
}

/** Downloads, newest first. */
export async function listC2Downloads(
  db: Kysely<DB>,
  principal: Principal,
  query: C2ListQuery,
): Promise<C2Page<C2DownloadDto>> {
  const e = await c2Engagement(db, principal, query.engagement, 'c2.view');
  return keysetPage(
    db,
    () =>
      db
        .selectFrom('c2_download as d')
        .innerJoin('c2_session as s', 's.id', 'd.session_id')
        .innerJoin('c2_server as sv', 'sv.id', 's.server_id')
        .selectAll('d'),
    [inEngagement(e.id), notExcluded(await excludedSessionIds(db, e.id))],
    { time: sql`d.at`, id: sql`d.id` },
    query,
    toDownloadDto,
  );
}
