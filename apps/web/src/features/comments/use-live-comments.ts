import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { liveHub } from '../live/live-hub.ts';
import { commentsKey } from './comments-api.ts';

/**
 * Refetches an event's thread when the live stream says one of its comments was posted, edited or
 * deleted (the server never sends the blue team a red-team-only comment's message), or when the
 * stream could not replay what was missed.
 */
export function useLiveComments(eventId: number): void {
  const client = useQueryClient();
  useEffect(
    () =>
      liveHub.subscribe((signal) => {
        const mine =
          signal.kind === 'reset' ||
          (signal.change.type.startsWith('comment.') && signal.change.ids.includes(eventId));
        if (mine) void client.invalidateQueries({ queryKey: commentsKey(eventId) });
      }),
    [client, eventId],
  );
}
