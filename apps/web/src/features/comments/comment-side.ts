import type { CommentSide } from '@steppingstones/shared/comments';
import type { Me } from '../auth/auth-types.ts';

/**
 * The side the signed-in user speaks for in an engagement, as the server decides it: operators and
 * leads (and superusers) are the red team, the client's roles the blue team.
 */
export function mySide(me: Me, engagement: string): CommentSide {
  if (me.is_superuser) return 'red';
  const membership = me.engagements.find((e) => e.code === engagement);
  if (membership?.role) return membership.role === 'lead' || membership.role === 'operator' ? 'red' : 'blue';
  return membership?.permissions.includes('event.add') ? 'red' : 'blue';
}

export const SIDE_LABEL: Record<CommentSide, string> = { red: 'Red team', blue: 'Blue team' };
export const SIDE_COLOR: Record<CommentSide, string> = { red: 'red', blue: 'blue' };
