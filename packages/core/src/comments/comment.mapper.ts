import { toIsoUtc } from '@steppingstones/shared';
import type { CommentDto, CommentSide } from '@steppingstones/shared/comments';
import type { Redactor } from '../events/event.redaction.ts';
import type { Principal } from '../permissions/index.ts';
import { mayDelete, mayEdit } from './comment.policy.ts';

export interface CommentRow {
  id: number;
  engagement_id: number;
  event_id: number;
  author_user_id: number | null;
  author: string | null;
  author_display_name: string | null;
  side: string;
  body: string;
  red_team_only: number;
  mentions: string;
  created_at: number;
  edited_at: number | null;
  deleted_at: number | null;
}

export interface RevisionRow {
  action: string;
  body: string;
  red_team_only: number;
  by: string | null;
  created_at: number;
}

export const ownershipOf = (r: CommentRow) => ({
  engagementId: Number(r.engagement_id),
  authorUserId: r.author_user_id === null ? null : Number(r.author_user_id),
  createdAt: Number(r.created_at),
  deletedAt: r.deleted_at === null ? null : Number(r.deleted_at),
});

export function toCommentDto(
  r: CommentRow,
  o: {
    principal: Principal;
    now: number;
    redact: Redactor;
    mentions: string[];
    history: RevisionRow[] | undefined;
  },
): CommentDto {
  const deleted = r.deleted_at !== null;
  const ownership = ownershipOf(r);
  return {
    id: Number(r.id),
    event_id: Number(r.event_id),
    author: r.author,
    author_display_name: r.author_display_name,
    side: r.side as CommentSide,
    // A deleted comment keeps its place in the thread; its text stays in the history only.
    body: deleted ? '' : o.redact(r.body),
    red_team_only: Boolean(r.red_team_only),
    mentions: deleted ? [] : o.mentions,
    created_at: toIsoUtc(Number(r.created_at)),
    edited_at: r.edited_at === null ? null : toIsoUtc(Number(r.edited_at)),
    deleted,
    deleted_at: deleted ? toIsoUtc(Number(r.deleted_at)) : null,
    can_edit: mayEdit(o.principal, ownership, o.now),
    can_delete: mayDelete(o.principal, ownership),
    ...(o.history
      ? {
          history: [
            ...o.history.map((h) => ({
              action: h.action as 'edit' | 'delete',
              body: o.redact(h.body),
              red_team_only: Boolean(h.red_team_only),
              by: h.by,
              at: toIsoUtc(Number(h.created_at)),
            })),
          ],
        }
      : {}),
  };
}
