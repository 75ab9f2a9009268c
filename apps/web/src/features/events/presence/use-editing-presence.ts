import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { concernsPresence } from '../../live/live-frames.ts';
import { useLiveChanges } from '../../live/use-live-changes.ts';
import { fetchPresence, PRESENCE_KEY } from './presence-api.ts';

/**
 * The fallback only: a form that opens or closes is pushed over the live stream (`presence.changed`),
 * but one that dies without closing (a crashed tab, a lost connection) just goes silent and the server
 * forgets it after 30 s; this refetch drops it from the screen within that time.
 */
const FORGOTTEN_FORMS_MS = 30_000;

/** Event id → the display names of the teammates (not me) with its edit form open now. */
export function useEditingPresence(
  engagement: string | null,
  myUsername: string,
): ReadonlyMap<number, string[]> {
  const presence = useQuery({
    queryKey: [...PRESENCE_KEY, engagement],
    queryFn: () => fetchPresence(engagement as string),
    enabled: engagement !== null,
    refetchInterval: FORGOTTEN_FORMS_MS,
    // A failed fetch (offline, signed out) just shows nobody; the next one tries again.
    retry: false,
  });
  // A teammate opened or closed a form (or the stream could not replay what it missed): ask again now.
  useLiveChanges(
    engagement,
    () => {
      if (engagement !== null) void presence.refetch();
    },
    concernsPresence,
  );
  return useMemo(() => {
    const byEvent = new Map<number, string[]>();
    for (const p of presence.data ?? []) {
      if (p.username === myUsername) continue;
      byEvent.set(p.event_id, [...(byEvent.get(p.event_id) ?? []), p.display_name]);
    }
    return byEvent;
  }, [presence.data, myUsername]);
}
