import { ForbiddenError } from '../errors.ts';
import {
  hasEngagementPermission,
  type Principal,
  requireEngagementPermission,
  roleIn,
} from '../permissions/index.ts';

/**
 * The red team of an engagement (operators, the lead, superusers) is who holds `event.change` there:
 * they add, list and download every attachment. The blue-team roles (Read Only, and Limited Write, whose
 * `event.change_limited` covers detection fields only) see shared attachments and nothing else.
 */
export function canSeeUnsharedAttachments(principal: Principal, engagementId: number): boolean {
  return hasEngagementPermission(principal, engagementId, 'event.change');
}

/** Reading an event's attachments: `event.view` there (404 for a non-member). */
export function requireAttachmentRead(principal: Principal, engagementId: number): void {
  requireEngagementPermission(principal, engagementId, 'event.view', 'The event');
}

/** Adding or removing one: the red team only (403 for the blue team, 404 for a non-member). */
export function requireAttachmentWrite(principal: Principal, engagementId: number): void {
  requireEngagementPermission(principal, engagementId, 'event.change', 'The event');
}

/** Sharing with the blue team (or taking it back): the uploader, the engagement's lead or a superuser. */
export function requireMayShare(principal: Principal, engagementId: number, uploaderId: number | null): void {
  requireAttachmentWrite(principal, engagementId);
  const isUploader = uploaderId !== null && Number(uploaderId) === principal.userId;
  const isLead =
    roleIn(principal, engagementId) === 'lead' ||
    hasEngagementPermission(principal, engagementId, 'user.admin');
  if (isUploader || isLead) return;
  throw new ForbiddenError('Only the uploader or the engagement lead can share this attachment.');
}
