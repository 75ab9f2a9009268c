import { type Tx, writeTransaction } from '@steppingstones/db';
import {
  type CommentCreate,
  type CommentDto,
  type CommentPatch,
  commentCreateSchema,
  commentPatchSchema,
} from '@steppingstones/shared/comments';
import { CONTROL_CHARACTER_MESSAGE, hasControlCharacter } from '@steppingstones/shared/control-characters';
import { assertWritable } from '../engagements/index.ts';
import { ValidationError } from '../errors.ts';
import { canSeeCredentials } from '../events/event.redaction.ts';
import { appendDomainEvent } from '../outbox/index.ts';
import { type Principal, principalInEngagement } from '../permissions/index.ts';
import { restoreMasks } from '../redaction/index.ts';
import { inTransaction, type ServiceContext } from '../service-context.ts';
import { parseOrThrow } from '../zod-errors.ts';
import { ownershipOf } from './comment.mapper.ts';
import { resolveMentions } from './comment.mentions.ts';
import { requireDelete, requireEdit, sideIn } from './comment.policy.ts';
import { commentEventEngagement, getComment, loadComment } from './comment.queries.ts';

function actorOf(ctx: ServiceContext): Principal {
  if (!ctx.principal)
    throw new Error('A comment is written by someone: the service context has no principal.');
  return ctx.principal;
}

function checkBody(body: string | undefined): void {
  if (body !== undefined && hasControlCharacter(body))
    throw ValidationError.field('body', CONTROL_CHARACTER_MESSAGE);
}

/** Only the red team hides a comment from the blue team (who would otherwise never see their own words). */
function checkRedTeamOnly(principal: Principal, engagementId: number, value: boolean | undefined): void {
  if (value && sideIn(principal, engagementId) === 'blue')
    throw ValidationError.field(
      'red_team_only',
      'only the red team (operators, the lead) can mark a comment red team only; send false or leave it out',
    );
}

async function announce(
  tx: Tx,
  ctx: ServiceContext,
  type: 'comment.created' | 'comment.updated' | 'comment.deleted',
  c: { engagementId: number; eventId: number; commentId: number; redTeamOnly: boolean; side?: string },
  mentions: string[] = [],
) {
  await appendDomainEvent(inTransaction(ctx, tx), {
    type,
    engagementId: c.engagementId,
    actorUserId: ctx.principal?.userId || null,
    payload: {
      eventId: c.eventId,
      commentId: c.commentId,
      // Live and webhook consumers withhold the message from the blue team when this is set.
      redTeamOnly: c.redTeamOnly,
      ...(c.side ? { side: c.side } : {}),
      ...(mentions.length ? { mentions } : {}),
    },
  });
}

/**
 * Posts a comment on an event. Anyone who may read the event may speak on it; the side (red/blue) is
 * the author's role now, kept with the comment. Mentions are resolved against the engagement's members.
 */
export async function createComment(
  ctx: ServiceContext,
  eventId: number,
  input: CommentCreate,
): Promise<CommentDto> {
  const principal = actorOf(ctx);
  const values = parseOrThrow(commentCreateSchema, input);
  checkBody(values.body);
  const id = await writeTransaction(ctx.db, async (tx) => {
    const event = await commentEventEngagement(tx, principal, eventId);
    assertWritable({ archived: event.archived, code: event.code });
    checkRedTeamOnly(principal, event.engagementId, values.red_team_only);
    const side = sideIn(principal, event.engagementId);
    const mentioned = await resolveMentions(tx, event.engagementId, values.body);
    const row = await tx
      .insertInto('event_comment')
      .values({
        engagement_id: event.engagementId,
        event_id: eventId,
        author_user_id: principal.userId > 0 ? principal.userId : null,
        side,
        body: values.body,
        red_team_only: values.red_team_only ? 1 : 0,
        mentions: JSON.stringify(mentioned.map((m) => m.id)),
        created_at: ctx.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const commentId = Number(row.id);
    await announce(
      tx,
      ctx,
      'comment.created',
      { engagementId: event.engagementId, eventId, commentId, redTeamOnly: values.red_team_only, side },
      mentioned.map((m) => m.username),
    );
    return commentId;
  });
  return getComment(ctx.db, principal, id, ctx.clock.now());
}

/**
 * The author's edit within 15 minutes of posting. The earlier body is kept as a revision. A reader
 * who sees secrets masked saves what they saw: each `«redacted»` still standing gets its secret back.
 */
export async function editComment(
  ctx: ServiceContext,
  commentId: number,
  input: CommentPatch,
): Promise<CommentDto> {
  const principal = actorOf(ctx);
  const patch = parseOrThrow(commentPatchSchema, input);
  checkBody(patch.body);
  await writeTransaction(ctx.db, async (tx) => {
    const row = await loadComment(tx, principal, commentId);
    const engagementId = Number(row.engagement_id);
    const event = await commentEventEngagement(tx, principal, Number(row.event_id));
    assertWritable({ archived: event.archived, code: event.code });
    const now = ctx.clock.now();
    requireEdit(principal, ownershipOf(row), now);
    checkRedTeamOnly(principal, engagementId, patch.red_team_only);
    let body = patch.body ?? row.body;
    if (patch.body !== undefined && !canSeeCredentials(principalInEngagement(principal, engagementId)))
      body = restoreMasks('body', patch.body, row.body);
    const redTeamOnly = patch.red_team_only ?? Boolean(row.red_team_only);
    if (body === row.body && redTeamOnly === Boolean(row.red_team_only)) return;
    await tx
      .insertInto('event_comment_revision')
      .values({
        comment_id: commentId,
        action: 'edit',
        body: row.body,
        red_team_only: row.red_team_only,
        actor_user_id: principal.userId > 0 ? principal.userId : null,
        created_at: now,
      })
      .execute();
    const mentioned = await resolveMentions(tx, engagementId, body);
    await tx
      .updateTable('event_comment')
      .set({
        body,
        red_team_only: redTeamOnly ? 1 : 0,
        mentions: JSON.stringify(mentioned.map((m) => m.id)),
        edited_at: now,
      })
      .where('id', '=', commentId)
      .execute();
    // Hidden from the blue team only if it was hidden before and still is: otherwise they refetch.
    await announce(tx, ctx, 'comment.updated', {
      engagementId,
      eventId: Number(row.event_id),
      commentId,
      redTeamOnly: redTeamOnly && Boolean(row.red_team_only),
    });
  });
  return getComment(ctx.db, principal, commentId, ctx.clock.now());
}

/** Deletes a comment (its author, or the lead): it stays in the thread as deleted, its text in the history. */
export async function deleteComment(ctx: ServiceContext, commentId: number): Promise<void> {
  const principal = actorOf(ctx);
  await writeTransaction(ctx.db, async (tx) => {
    const row = await loadComment(tx, principal, commentId);
    const event = await commentEventEngagement(tx, principal, Number(row.event_id));
    assertWritable({ archived: event.archived, code: event.code });
    requireDelete(principal, ownershipOf(row));
    const now = ctx.clock.now();
    await tx
      .insertInto('event_comment_revision')
      .values({
        comment_id: commentId,
        action: 'delete',
        body: row.body,
        red_team_only: row.red_team_only,
        actor_user_id: principal.userId > 0 ? principal.userId : null,
        created_at: now,
      })
      .execute();
    await tx
      .updateTable('event_comment')
      .set({ deleted_at: now, deleted_by: principal.userId > 0 ? principal.userId : null })
      .where('id', '=', commentId)
      .execute();
    await announce(tx, ctx, 'comment.deleted', {
      engagementId: event.engagementId,
      eventId: Number(row.event_id),
      commentId,
      redTeamOnly: Boolean(row.red_team_only),
    });
  });
}
