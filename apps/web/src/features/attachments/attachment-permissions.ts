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
  // The lead's role holds the engagement's member administration (the server's test, too).
  if (canIn(me, engagement, 'user.admin')) return true;
  return attachment.created_by === me.username;
}
