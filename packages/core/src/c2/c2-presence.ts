import type { C2CheckinRecord } from './c2-records.ts';

/** A stretch of time a session was present, and the sleep in effect at its end (null: unknown). */
export interface Presence {
  start: number;
  end: number;
  sleepSeconds: number | null;
  jitterPercent: number | null;
}

/**
 * The longest gap between check-ins when the sleep is unknown or interactive (0): the log of an
 * interactive beacon shows only the moments it was tasked, so a few quiet minutes are not an absence.
 */
export const DEFAULT_PRESENCE_GAP_MS = 5 * 60_000;

/** The longest gap after a check-in that still counts as present: sleep × (1 + jitter). */
function presenceGapMs(p: Pick<Presence, 'sleepSeconds' | 'jitterPercent'>): number {
  if (!p.sleepSeconds) return DEFAULT_PRESENCE_GAP_MS;
  return Math.round(p.sleepSeconds * (1 + (p.jitterPercent ?? 0) / 100) * 1000);
}

/**
 * Folds new check-ins into a session's stored intervals. Sorted by time, each check-in (or stored
 * interval) within the gap allowed after the current interval extends it, bridging two when it fills
 * the gap between them; a longer gap starts a new interval. A check-in whose sleep the source did not
 * know takes the one in effect before it. Check-ins already inside an interval change nothing, so
 * importing the same file again leaves the intervals as they were.
 */
export function buildPresences(
  stored: readonly Presence[],
  checkins: ReadonlyArray<Pick<C2CheckinRecord, 'at' | 'sleep'>>,
): Presence[] {
  const items: Presence[] = [
    ...stored.map((p) => ({ ...p })),
    ...checkins.map((c) => ({
      start: c.at,
      end: c.at,
      sleepSeconds: c.sleep?.seconds ?? null,
      jitterPercent: c.sleep ? c.sleep.jitterPercent : null,
    })),
  ].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Presence[] = [];
  let current: Presence | null = null;
  for (const item of items) {
    if (current && item.start - current.end <= presenceGapMs(current)) {
      if (item.end >= current.end) {
        current.end = item.end;
        if (item.sleepSeconds !== null) {
          current.sleepSeconds = item.sleepSeconds;
          current.jitterPercent = item.jitterPercent;
        }
      }
      continue;
    }
    // A check-in of unknown sleep keeps the one in effect before it.
    const carried = out.at(-1);
    current =
      item.sleepSeconds === null && carried
        ? { ...item, sleepSeconds: carried.sleepSeconds, jitterPercent: carried.jitterPercent }
        : item;
    out.push(current);
  }
  return out;
}
