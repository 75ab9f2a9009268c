/** The wall clock in epoch ms. Services read time only from here, so tests can fix or move it. */
export interface Clock {
  now(): number;
}

/** The real clock every process uses. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that stands still until moved: tests pass one so stored times and expiries are exact. */
export interface FixedClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
}

export function fixedClock(start: number | string | Date = '2026-01-15T09:00:00Z'): FixedClock {
  let at = typeof start === 'number' ? start : new Date(start).getTime();
  return {
    now: () => at,
    set(ms) {
      at = ms;
    },
    advance(ms) {
      at += ms;
    },
  };
}
