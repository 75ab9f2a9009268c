/** Capped exponential back-off: base, 2×base, 4×base, … never more than cap. */
export function backoffMs(attempt: number, options: { baseMs: number; capMs: number }): number {
  const exponent = Math.max(0, attempt - 1);
  // 2^30 already exceeds every sensible cap; stop there so the number stays finite.
  return Math.min(options.capMs, options.baseMs * 2 ** Math.min(exponent, 30));
}

/**
 * The next run of a repeating job: the first slot `anchor + k × repeat` strictly after `now`.
 * Anchored, so runs never drift by the time a run takes; missed slots (downtime) are skipped, so
 * there is one run after a restart, never a catch-up storm.
 */
export function nextAnchoredRun(anchorAt: number, repeatSeconds: number, now: number): number {
  const period = repeatSeconds * 1000;
  if (period <= 0) throw new Error('nextAnchoredRun needs a repeat');
  if (now < anchorAt) return anchorAt;
  const k = Math.floor((now - anchorAt) / period) + 1;
  return anchorAt + k * period;
}
