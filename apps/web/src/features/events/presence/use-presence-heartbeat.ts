import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { announceEditing, PRESENCE_KEY, withdrawEditing } from './presence-api.ts';

/** Well inside the server's 30 s: a missed beat or two does not make the user vanish. */
const HEARTBEAT_MS = 10_000;

/** While an edit form is open: tell the team this user is editing the event; withdraw when it closes. */
export function usePresenceHeartbeat(eventId: number | null): void {
  const client = useQueryClient();
  useEffect(() => {
    if (eventId === null) return;
    const beat = () =>
      void announceEditing(eventId)
        .then(() => client.invalidateQueries({ queryKey: PRESENCE_KEY }))
        .catch(() => undefined);
    beat();
    const timer = setInterval(beat, HEARTBEAT_MS);
    return () => {
      clearInterval(timer);
      void withdrawEditing(eventId)
        .then(() => client.invalidateQueries({ queryKey: PRESENCE_KEY }))
        .catch(() => undefined);
    };
  }, [eventId, client]);
}
