import { canIn } from '../../lib/permissions.ts';
import type { Me } from '../auth/auth-types.ts';
import type { AttachmentDto } from './attachments-api.ts';

/**
 * What the page offers; the server checks every request again. The blue team roles change no event,
 * so they get no upload, share or delete control (and the server lists them only shared files).
 */
export function canAttach(me: Me | null | undefined, engagement: string): boolean {
  return canIn(me, engagement, 'event.change');
}

/** Sharing with the blue team (or taking it back): the uploader, or a lead of the engagement. */
export function canManageAttachment(
  me: Me | null | undefined,
  engagement: string,
  attachment: Pick<AttachmentDto, 'created_by'>,
): boolean {
  if (!me || !canAttach(me, engagement)) return false;
  if (canIn(me, engagement, 'engagement.change')) return true;
  // A server that does not name the uploader decides itself (a refusal shows its message).
  return attachment.created_by === undefined || attachment.created_by === me.username;
}
