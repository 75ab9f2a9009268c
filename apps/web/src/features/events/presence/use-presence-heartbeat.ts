import { useEffect } from 'react';
import { announceEditing, withdrawEditing } from './presence-api.ts';

/** Well inside the server's 30 s: a missed beat or two does not make the user vanish. */
const HEARTBEAT_MS = 10_000;

/**
 * While an edit form is open: tell the team this user is editing the event; withdraw when it closes.
 * Teammates' screens learn of both over the live stream (the server announces the opening and the
 * closing, not each beat).
 */
export function usePresenceHeartbeat(eventId: number | null): void {
  useEffect(() => {
    if (eventId === null) return;
    const beat = () => void announceEditing(eventId).catch(() => undefined);
    beat();
    const timer = setInterval(beat, HEARTBEAT_MS);
    return () => {
      clearInterval(timer);
      void withdrawEditing(eventId).catch(() => undefined);
    };
  }, [eventId]);
}
