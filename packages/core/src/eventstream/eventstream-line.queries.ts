import type { DB } from '@steppingstones/db';
import { COUNT_CAP, capCount } from '@steppingstones/shared';
import { parseIsoTimestamp } from '@steppingstones/shared/events';
import type { EventStreamLineDto, EventStreamLineQuery } from '@steppingstones/shared/eventstream';
import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import { ValidationError } from '../errors.ts';
import { decodeCursorWithDirection } from '../events/event.cursor.ts';
import { canSeeCredentials, redactorFor } from '../events/event.redaction.ts';
import { countUpToCap, keysetLinks, rowKey } from '../paging/keyset.ts';
import { type Principal, principalInEngagement } from '../permissions/index.ts';
import { eventstreamEngagement } from './eventstream-engagement.ts';
import { type LineRow, toLineDto } from './eventstream-line.mapper.ts';

/** Counts above this are reported as "10000+" (the paging rules of every list, in packages/shared). */
export const LINE_COUNT_CAP = COUNT_CAP;

export interface LinePage {
  count: number | string;
  next: string | null;
  previous: string | null;
  results: EventStreamLineDto[];
}

const LEAD: Record<string, RawBuilder<unknown> | null> = {
  timestamp: null,
  description: sql`l.description`,
  tactic: sql`coalesce(l.tactic_id, '')`,
  technique: sql`coalesce(l.technique_id, '')`,
};

/** Columns a search looks in; the secret-bearing ones only for callers who may see credentials. */
const PLAIN = [
  'operator',
  'source_host',
  'source_user',
  'source_process',
  'target_host',
  'target_user',
  'target_process',
  'tactic_id',
  'technique_id',
];
const SECRET_BEARING = ['description', 'raw_evidence', 'outcome', 'additional_data'];

function likePattern(term: string): string {
  return `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function timeBound(field: 'from' | 'to', value: string | undefined): number | null {
  if (value === undefined || value === '') return null;
  const ms = parseIsoTimestamp(value);
  if (ms === null)
    throw ValidationError.field(field, 'must be an ISO-8601 date and time, e.g. 2026-01-31T14:02:00Z');
  return ms;
}

function conditions(engagementId: number, query: EventStreamLineQuery, withSecrets: boolean) {
  const where: Expression<SqlBool>[] = [sql<SqlBool>`l.engagement_id = ${engagementId}`];
  const from = timeBound('from', query.from);
  const to = timeBound('to', query.to);
  if (from !== null) where.push(sql<SqlBool>`l.start_at >= ${from}`);
  if (to !== null) where.push(sql<SqlBool>`l.start_at <= ${to}`);
  if (query.event) where.push(sql<SqlBool>`l.event_id = ${query.event}`);
  const columns = withSecrets ? [...PLAIN, ...SECRET_BEARING] : PLAIN;
  // Each word must match somewhere (AND), in any column (OR), case-insensitively.
  for (const term of (query.search ?? '').split(/\s+/).filter(Boolean)) {
    const pattern = likePattern(term);
    where.push(
      sql<SqlBool>`(${sql.join(
        columns.map((c) => sql`lower(coalesce(${sql.ref(`l.${c}`)}, '')) like ${pattern} escape '\\'`),
        sql` or `,
      )})`,
    );
  }
  return where;
}

/**
 * The EventStream page: the engagement's lines under a search and time range, keyset-paged in the
 * chosen order (ties broken by time and id), secret-shaped spans masked for the blue team.
 */
export async function listEventStreamLines(
  db: Kysely<DB>,
  principal: Principal,
  query: EventStreamLineQuery,
): Promise<LinePage> {
  const engagement = await eventstreamEngagement(db, principal, query.engagement, 'eventstream.view');
  const scoped = principalInEngagement(principal, engagement.id);
  const where = conditions(engagement.id, query, canSeeCredentials(scoped));
  const desc = query.sort.startsWith('-');
  const lead = LEAD[desc ? query.sort.slice(1) : query.sort] ?? null;
  const exprs = [...(lead ? [lead] : []), sql`l.start_at`, sql`l.id`];
  const cursor = query.cursor ? decodeCursorWithDirection(query.cursor, exprs.length) : null;
  const backwards = cursor?.direction === 'prev';
  const walkDesc = backwards ? !desc : desc;
  const dir = sql.raw(walkDesc ? 'desc' : 'asc');
  let q = db
    .selectFrom('eventstream_line as l')
    .leftJoin('event as ev', (j) => j.onRef('ev.id', '=', 'l.event_id').on('ev.deleted_at', 'is', null))
    .leftJoin('attack_tactic as ta', 'ta.id', 'l.tactic_id')
    .leftJoin('attack_technique as te', 'te.id', 'l.technique_id')
    .selectAll('l')
    .select(['ev.id as live_event_id', 'ta.name as tactic_name', 'te.name as technique_name'])
    .select(exprs.map((e, i) => sql<unknown>`${e}`.as(`k${i}`)))
    .where((eb) => eb.and(where))
    .limit(query.page_size + 1);
  for (const e of exprs) q = q.orderBy(sql`${e} ${dir}`);
  if (cursor)
    q = q.where(
      sql<SqlBool>`(${sql.join(exprs)}) ${sql.raw(walkDesc ? '<' : '>')} (${sql.join(cursor.key)})`,
    );
  const rows = (await q.execute()) as unknown as Array<LineRow & Record<string, unknown>>;
  const { page, next, previous } = keysetLinks(rows, query.page_size, cursor, (r) => rowKey(exprs, r));
  const redact = redactorFor(scoped);
  const n = await countUpToCap(
    db,
    db
      .selectFrom('eventstream_line as l')
      .select('l.id')
      .where((eb) => eb.and(where)),
  );
  return {
    count: capCount(n),
    next,
    previous,
    results: page.map((r) => toLineDto(r, redact)),
  };
}
