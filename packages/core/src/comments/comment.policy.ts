import { COMMENT_EDIT_WINDOW_MS, type CommentSide } from '@steppingstones/shared/comments';
import { ForbiddenError } from '../errors.ts';
import { hasEngagementPermission, type Principal, roleIn } from '../permissions/index.ts';

/**
 * Which side a principal speaks for in an engagement: the red team (operators, leads, superusers,
 * trusted work) or the client's blue team. By role where there is one; otherwise whoever may write
 * events is red, so a token narrowed to reading can never see more than its owner's side.
 */
export function sideIn(principal: Principal, engagementId: number): CommentSide {
  const role = roleIn(principal, engagementId);
  if (role) return role === 'lead' || role === 'operator' ? 'red' : 'blue';
  if (principal.isSuperuser) return 'red';
  return hasEngagementPermission(principal, engagementId, 'event.add') ? 'red' : 'blue';
}

/** A red-team-only comment reaches the red side only, in every path (thread, live, counts, webhooks). */
export function seesRedTeamOnly(principal: Principal, engagementId: number): boolean {
  return sideIn(principal, engagementId) === 'red';
}

/** Earlier texts of edited and deleted comments: the engagement's lead (and superusers), like the audit log. */
export function readsCommentHistory(principal: Principal, engagementId: number): boolean {
  return hasEngagementPermission(principal, engagementId, 'audit.view');
}

export interface CommentOwnership {
  engagementId: number;
  authorUserId: number | null;
  createdAt: number;
  deletedAt: number | null;
}

const own = (principal: Principal, c: CommentOwnership) =>
  c.authorUserId !== null && principal.userId > 0 && c.authorUserId === principal.userId;

/** Only the author edits, and only within 15 minutes of posting (the clock of the caller's context). */
export function mayEdit(principal: Principal, c: CommentOwnership, now: number): boolean {
  return c.deletedAt === null && own(principal, c) && now - c.createdAt <= COMMENT_EDIT_WINDOW_MS;
}

/** The author deletes their own at any time; the engagement's lead (`user.admin` there) anyone's. */
export function mayDelete(principal: Principal, c: CommentOwnership): boolean {
  return (
    c.deletedAt === null &&
    (own(principal, c) || hasEngagementPermission(principal, c.engagementId, 'user.admin'))
  );
}

export function requireEdit(principal: Principal, c: CommentOwnership, now: number): void {
  if (c.deletedAt !== null) throw new ForbiddenError('This comment was deleted; it can no longer be edited.');
  if (!own(principal, c)) throw new ForbiddenError('Only the author of a comment can edit it.');
  if (now - c.createdAt > COMMENT_EDIT_WINDOW_MS)
    throw new ForbiddenError(
      'A comment can be edited only within 15 minutes of posting; post a new comment instead.',
    );
}

export function requireDelete(principal: Principal, c: CommentOwnership): void {
  if (c.deletedAt !== null) throw new ForbiddenError('This comment is already deleted.');
  if (!mayDelete(principal, c))
    throw new ForbiddenError('Only the author of a comment or the engagement lead can delete it.');
}
