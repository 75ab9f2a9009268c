import type { DB } from '@steppingstones/db';
import type { CommentDto, CommentSide, MentionableDto } from '@steppingstones/shared/comments';
import type { Kysely } from 'kysely';
import { NotFoundError } from '../errors.ts';
import { redactorFor } from '../events/event.redaction.ts';
import { type Principal, principalInEngagement, requireEngagementPermission } from '../permissions/index.ts';
import { type CommentRow, type RevisionRow, toCommentDto } from './comment.mapper.ts';
import { readsCommentHistory, seesRedTeamOnly } from './comment.policy.ts';

function commentRows(db: Kysely<DB>) {
  return db
    .selectFrom('event_comment as c')
    .leftJoin('app_user as a', 'a.id', 'c.author_user_id')
    .select([
      'c.id',
      'c.engagement_id',
      'c.event_id',
      'c.author_user_id',
      'a.username as author',
      'a.display_name as author_display_name',
      'c.side',
      'c.body',
      'c.red_team_only',
      'c.mentions',
      'c.created_at',
      'c.edited_at',
      'c.deleted_at',
    ]);
}

/** The event's engagement, for a caller who may read it; 404 for a deleted event or a non-member. */
export async function commentEventEngagement(db: Kysely<DB>, principal: Principal, eventId: number) {
  const row = await db
    .selectFrom('event')
    .innerJoin('engagement as g', 'g.id', 'event.engagement_id')
    .select(['event.engagement_id', 'g.code', 'g.archived'])
    .where('event.id', '=', eventId)
    .where('event.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('The event');
  const engagementId = Number(row.engagement_id);
  requireEngagementPermission(principal, engagementId, 'event.view', 'The event');
  return { engagementId, code: row.code, archived: Boolean(row.archived) };
}

/** Turns rows into what this caller may read: masked, labelled, with mentions and (for the lead) history. */
async function present(
  db: Kysely<DB>,
  principal: Principal,
  engagementId: number,
  rows: CommentRow[],
  now: number,
): Promise<CommentDto[]> {
  const inEngagement = principalInEngagement(principal, engagementId);
  const redact = redactorFor(inEngagement);
  const mentionIds = [...new Set(rows.flatMap((r) => JSON.parse(r.mentions) as number[]))];
  const names = new Map<number, string>();
  if (mentionIds.length) {
    const users = await db
      .selectFrom('app_user')
      .select(['id', 'username'])
      .where('id', 'in', mentionIds)
      .execute();
    for (const u of users) names.set(Number(u.id), u.username);
  }
  const history = new Map<number, RevisionRow[]>();
  if (rows.length && readsCommentHistory(principal, engagementId)) {
    const revisions = await db
      .selectFrom('event_comment_revision as r')
      .leftJoin('app_user as u', 'u.id', 'r.actor_user_id')
      .select(['r.comment_id', 'r.action', 'r.body', 'r.red_team_only', 'u.username as by', 'r.created_at'])
      .where(
        'r.comment_id',
        'in',
        rows.map((r) => Number(r.id)),
      )
      .orderBy('r.id')
      .execute();
    for (const r of revisions) {
      const list = history.get(Number(r.comment_id)) ?? [];
      list.push(r);
      history.set(Number(r.comment_id), list);
    }
  }
  return rows.map((r) =>
    toCommentDto(r, {
      principal,
      now,
      redact,
      mentions: (JSON.parse(r.mentions) as number[]).flatMap((id) => (names.has(id) ? [names.get(id)!] : [])),
      history: readsCommentHistory(principal, engagementId) ? (history.get(Number(r.id)) ?? []) : undefined,
    }),
  );
}

/**
 * An event's thread, oldest first, as the caller may read it: the blue team never receives a
 * red-team-only comment; deleted comments stay in place, marked deleted, without their text.
 */
export async function listComments(
  db: Kysely<DB>,
  principal: Principal,
  eventId: number,
  now: number,
): Promise<CommentDto[]> {
  const { engagementId } = await commentEventEngagement(db, principal, eventId);
  let q = commentRows(db).where('c.event_id', '=', eventId);
  if (!seesRedTeamOnly(principal, engagementId)) q = q.where('c.red_team_only', '=', 0);
  const rows = await q.orderBy('c.created_at').orderBy('c.id').execute();
  return present(db, principal, engagementId, rows, now);
}

/** One comment as the caller may read it (404 when they may not). */
export async function getComment(
  db: Kysely<DB>,
  principal: Principal,
  commentId: number,
  now: number,
): Promise<CommentDto> {
  const row = await loadComment(db, principal, commentId);
  const [dto] = await present(db, principal, Number(row.engagement_id), [row], now);
  return dto!;
}

/**
 * A comment row the caller may address: its event alive and theirs to read, and not red team only
 * for the blue team (which is told it does not exist, as for any record it may not see).
 */
export async function loadComment(
  db: Kysely<DB>,
  principal: Principal,
  commentId: number,
): Promise<CommentRow> {
  const row = await commentRows(db).where('c.id', '=', commentId).executeTakeFirst();
  if (!row) throw new NotFoundError('The comment');
  const { engagementId } = await commentEventEngagement(db, principal, Number(row.event_id)).catch(() => {
    throw new NotFoundError('The comment');
  });
  if (row.red_team_only && !seesRedTeamOnly(principal, engagementId)) throw new NotFoundError('The comment');
  return row;
}

/** The members a comment may mention (the box's autocomplete), with the side each speaks for. */
export async function mentionableMembers(db: Kysely<DB>, engagementId: number): Promise<MentionableDto[]> {
  const rows = await db
    .selectFrom('engagement_member as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['u.username', 'u.display_name', 'm.role'])
    .where('m.engagement_id', '=', engagementId)
    .where('u.is_active', '=', 1)
    .orderBy('u.username_key')
    .execute();
  return rows.map((r) => ({
    username: r.username,
    display_name: r.display_name,
    side: (r.role === 'lead' || r.role === 'operator' ? 'red' : 'blue') as CommentSide,
  }));
}

/**
 * Comments per event for the grid's rows, counting only what the caller may read (red-team-only
 * comments only where they are on the red side). One grouped read over the event index for the page.
 */
export async function commentCountsOfEvents(
  db: Kysely<DB>,
  principal: Principal,
  eventIds: number[],
): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  if (eventIds.length === 0) return counts;
  const rows = await db
    .selectFrom('event_comment')
    .select(['event_id', 'engagement_id', 'red_team_only', (eb) => eb.fn.countAll<number>().as('n')])
    .where('event_id', 'in', eventIds)
    .where('deleted_at', 'is', null)
    .groupBy(['event_id', 'engagement_id', 'red_team_only'])
    .execute();
  for (const r of rows) {
    if (r.red_team_only && !seesRedTeamOnly(principal, Number(r.engagement_id))) continue;
    counts.set(Number(r.event_id), (counts.get(Number(r.event_id)) ?? 0) + Number(r.n));
  }
  return counts;
}
