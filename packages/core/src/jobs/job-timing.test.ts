import { describe, expect, it } from 'vitest';
import { backoffMs, nextAnchoredRun } from './job-timing.ts';

describe('back-off', () => {
  it('doubles from the base and stops at the cap', () => {
    const options = { baseMs: 5000, capMs: 60_000 };
    expect([1, 2, 3, 4, 5, 6, 50].map((a) => backoffMs(a, options))).toEqual([
      5000, 10_000, 20_000, 40_000, 60_000, 60_000, 60_000,
    ]);
  });
});

describe('anchored repeats', () => {
  const anchor = Date.UTC(2026, 0, 1, 0, 0, 0);
  it('runs on the anchor grid however long a run took (no drift)', () => {
    // A run that started at 00:00:00 and took 7 s: the next run is still 00:01:00, not 00:01:07.
    expect(nextAnchoredRun(anchor, 60, anchor + 7000)).toBe(anchor + 60_000);
  });
  it('skips the slots missed during downtime (one run, no catch-up storm)', () => {
    // Down for 10.5 minutes: one run at the next slot, 00:11:00.
    expect(nextAnchoredRun(anchor, 60, anchor + 630_000)).toBe(anchor + 660_000);
  });
  it('moves past a slot that is exactly now', () => {
    expect(nextAnchoredRun(anchor, 60, anchor + 120_000)).toBe(anchor + 180_000);
  });
});
