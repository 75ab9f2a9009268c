import { type DB, dialectOf, eventSearchCondition, type IgnoredWord, searchTerms } from '@steppingstones/db';
import { capCount } from '@steppingstones/shared';
import type { EventDto, EventListQuery } from '@steppingstones/shared/events';
import type { Kysely } from 'kysely';
import { commentCountsOfEvents } from '../comments/comment.queries.ts';
import { NotFoundError } from '../errors.ts';
import { filesOfEvents } from '../files/file.queries.ts';
import { keysetLinks, walkKeyset } from '../paging/keyset.ts';
import {
  type Principal,
  principalInEngagement,
  requireEngagementAccess,
  requireEngagementPermission,
} from '../permissions/index.ts';
import { tagsOfEvents } from '../tags/tag.queries.ts';
import { decodeCursorWithDirection } from './event.cursor.ts';
import { eventFilterConditions } from './event.filter.ts';
import { type EventRow, toEventDto } from './event.mapper.ts';
import { cappedCount, sortKeys } from './event.page.ts';
import { canSeeCredentials, redactorFor } from './event.redaction.ts';
import { countCommonSearch, isCommonSearch, walkSearchPage } from './event.search-page.ts';
import { attachmentSummaries, summaryOf } from './event-attachments.query.ts';
import { eventReadScope } from './event-scope.ts';

function eventRowsQuery(db: Kysely<DB>, ids: number[]) {
  return db
    .selectFrom('event')
    .innerJoin('engagement as g', 'g.id', 'event.engagement_id')
    .innerJoin('context as s', 's.id', 'event.source_context_id')
    .innerJoin('context as t', 't.id', 'event.target_context_id')
    .leftJoin('app_user as op', 'op.id', 'event.operator_user_id')
    .leftJoin('app_user as cb', 'cb.id', 'event.created_by')
    .leftJoin('app_user as ub', 'ub.id', 'event.updated_by')
    .leftJoin('attack_tactic as ta', 'ta.id', 'event.tactic_id')
    .leftJoin('attack_technique as te', 'te.id', 'event.technique_id')
    .leftJoin('attack_technique as st', 'st.id', 'event.subtechnique_id')
    .select([
      'event.id',
      'g.code as engagement_code',
      'event.engagement_id',
      'event.start_at',
      'event.end_at',
      'op.username as operator',
      's.id as s_id',
      's.host as s_host',
      's.user as s_user',
      's.process as s_process',
      's.red_team_infrastructure as s_rti',
      't.id as t_id',
      't.host as t_host',
      't.user as t_user',
      't.process as t_process',
      't.red_team_infrastructure as t_rti',
      'event.tactic_id',
      'event.technique_id',
      'event.subtechnique_id',
      'ta.name as tactic_name',
      'te.name as technique_name',
      'st.name as subtechnique_name',
      'event.description',
      'event.raw_evidence',
      'event.outcome',
      'event.detected',
      'event.prevented',
      'event.starred',
      'event.version',
      'cb.username as created_by_name',
      'ub.username as updated_by_name',
      'event.created_at',
      'event.updated_at',
    ])
    .where('event.id', 'in', ids)
    .where('event.deleted_at', 'is', null);
}

/** Full representations of some events (in the given order), redacted for the principal. */
export async function loadEventDtos(
  db: Kysely<DB>,
  principal: Principal,
  ids: number[],
): Promise<EventDto[]> {
  if (ids.length === 0) return [];
  const redact = redactorFor(principal);
  const rows = await eventRowsQuery(db, ids).execute();
  const [tags, files] = [await tagsOfEvents(db, ids), await filesOfEvents(db, ids, redact)];
  // The page's attachment counts and thumbnails: one query for every row, as the reader may see them.
  const attachments = await attachmentSummaries(db, principal, ids, redact);
  // Comments the reader may see per row (the blue team: never the red team's own).
  const comments = await commentCountsOfEvents(db, principal, ids);
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r
      ? [
          {
            ...toEventDto(r as EventRow, tags.get(id) ?? [], files.get(id) ?? [], redact),
            ...summaryOf(attachments, id),
            comment_count: comments.get(id) ?? 0,
          },
        ]
      : [];
  });
}

/** The engagement of a live event (for access checks), or 404. Deleted events are 404 for everyone. */
export async function eventEngagementId(db: Kysely<DB>, principal: Principal, id: number): Promise<number> {
  const row = await db
    .selectFrom('event')
    .select('engagement_id')
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('The event');
  requireEngagementAccess(principal, Number(row.engagement_id), 'The event');
  return Number(row.engagement_id);
}

export async function getEvent(db: Kysely<DB>, principal: Principal, id: number): Promise<EventDto> {
  const engagementId = await eventEngagementId(db, principal, id);
  requireEngagementPermission(principal, engagementId, 'event.view', 'The event');
  // Masked or not by the caller's role in the event's engagement.
  const [dto] = await loadEventDtos(db, principalInEngagement(principal, engagementId), [id]);
  if (!dto) throw new NotFoundError('The event');
  return dto;
}

export interface EventPage {
  count: number | string;
  results: EventDto[];
  /** Cursors for the next and previous pages, or null at either end. */
  next: string | null;
  previous: string | null;
  /** Words of the search that were not searched (punctuation only, past the 16th), to tell the user. */
  ignored_words: IgnoredWord[];
}

/**
 * The grid and the API list: filtered, sorted, keyset-paged (stable while rows are added), with a
 * capped count. Without an engagement code it lists every engagement the principal belongs to.
 */
export async function listEvents(
  db: Kysely<DB>,
  caller: Principal,
  query: EventListQuery,
  options: { commonSearchMatches?: number } = {},
): Promise<EventPage> {
  // One engagement: the caller's role there decides what is masked; else every one they may read.
  const { principal, scope } = await eventReadScope(db, caller, query.engagement);
  const dialect = dialectOf(db);
  const includeSecret = canSeeCredentials(principal);
  const base = eventFilterConditions(dialect, principal, { ...query, search: undefined }, scope);
  const spec = { dialect, text: query.search ?? '', includeSecret };
  const search = (fewMatches: boolean) =>
    query.search ? eventSearchCondition(dialect, query.search, includeSecret, { fewMatches }) : null;
  // Few matches or many decide how the page is read (below) and how the database is told to find them.
  const common = search(false) !== null && (await isCommonSearch(db, spec, options.commonSearchMatches));
  const searchCondition = search(!common);
  const conditions = searchCondition ? [...base, searchCondition] : base;
  const keys = sortKeys(query.sort);
  const cursor = query.cursor ? decodeCursorWithDirection(query.cursor, keys.exprs.length) : null;
  const backwards = cursor?.direction === 'prev';
  // Paging backwards walks the order the other way from the cursor, then the page is flipped back.
  const walkDesc = keys.desc !== backwards;
  const want = query.page_size + 1;
  const walked = common
    ? await walkSearchPage(db, spec, base, keys, walkDesc, cursor?.key ?? null, want)
    : null;
  const rows =
    walked ?? (await walkKeyset(db, 'event', conditions, keys, walkDesc, cursor?.key ?? null, want));
  const n = common ? await countCommonSearch(db, spec, base) : await cappedCount(db, conditions);
  const { page, next, previous } = keysetLinks(rows, query.page_size, cursor, (r) => r.key);
  return {
    count: capCount(n),
    results: await loadEventDtos(
      db,
      principal,
      page.map((r) => r.id),
    ),
    next,
    previous,
    ignored_words: query.search ? searchTerms(query.search).ignored : [],
  };
}
