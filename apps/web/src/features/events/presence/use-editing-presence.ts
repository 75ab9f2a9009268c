import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { fetchPresence, PRESENCE_KEY } from './presence-api.ts';

/** How often the grid asks who is editing (the server forgets a form silent for 30 s). */
const POLL_MS = 4_000;

/** Event id → the display names of the teammates (not me) with its edit form open now. */
export function useEditingPresence(
  engagement: string | null,
  myUsername: string,
): ReadonlyMap<number, string[]> {
  const presence = useQuery({
    queryKey: [...PRESENCE_KEY, engagement],
    queryFn: () => fetchPresence(engagement as string),
    enabled: engagement !== null,
    refetchInterval: POLL_MS,
    // A failed poll (offline, signed out) just shows nobody; the next one tries again.
    retry: false,
  });
  return useMemo(() => {
    const byEvent = new Map<number, string[]>();
    for (const p of presence.data ?? []) {
      if (p.username === myUsername) continue;
      byEvent.set(p.event_id, [...(byEvent.get(p.event_id) ?? []), p.display_name]);
    }
    return byEvent;
  }, [presence.data, myUsername]);
}
