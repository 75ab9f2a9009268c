import type { ListEnvelope } from '@steppingstones/shared';
import type {
  CommentCreate,
  CommentDto,
  CommentPatch,
  MentionableDto,
} from '@steppingstones/shared/comments';
import { api } from '../../lib/api-client.ts';

/** Calls of the comments API (apps/server/src/routes/comments.routes.ts). */

export const commentsKey = (eventId: number) => ['comments', eventId] as const;

/** An event's thread, with the members who may be mentioned (for the box's autocomplete). */
export type CommentThreadDto = ListEnvelope<CommentDto> & { members: MentionableDto[] };

export function fetchComments(eventId: number): Promise<CommentThreadDto> {
  return api<CommentThreadDto>(`/events/${eventId}/comments/`);
}

export function postComment(eventId: number, body: CommentCreate): Promise<CommentDto> {
  return api<CommentDto>(`/events/${eventId}/comments/`, { method: 'POST', body });
}

export function editComment(id: number, body: CommentPatch): Promise<CommentDto> {
  return api<CommentDto>(`/comments/${id}/`, { method: 'PATCH', body });
}

export function deleteComment(id: number): Promise<void> {
  return api<void>(`/comments/${id}/`, { method: 'DELETE' });
}
