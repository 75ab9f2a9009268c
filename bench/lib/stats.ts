import type { BenchResult, BenchTarget, SeriesStats } from './types.ts';

/** The value at quantile `q` (0..1) of sorted numbers, interpolating between neighbours. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (pos - lo);
}

/**
 * Summarises timed calls. `work` is the rows or bytes each call handled (the median's work is used for
 * the rate, so one slow outlier does not skew it).
 */
export function summarise(timesMs: readonly number[], work: readonly number[] = []): SeriesStats {
  const sorted = [...timesMs].sort((a, b) => a - b);
  const median = quantile(sorted, 0.5);
  const stats: SeriesStats = {
    count: sorted.length,
    median,
    min: sorted[0] ?? 0,
    max: sorted[sorted.length - 1] ?? 0,
    p95: quantile(sorted, 0.95),
  };
  const units = work.filter((w) => w > 0);
  if (units.length > 0 && median > 0) {
    const perCall = quantile(
      [...units].sort((a, b) => a - b),
      0.5,
    );
    stats.rate = perCall / (median / 1000);
  }
  return stats;
}

/** measure median / baseline median; 0 when the baseline took no measurable time. */
export function ratio(measure: SeriesStats, baseline: SeriesStats): number {
  return baseline.median > 0 ? measure.median / baseline.median : 0;
}

/**
 * Whether a run meets its target: `null` when the run is smaller than the size the target is stated
 * for (quick mode), since a figure at 1,000 events says little about 1,000,000.
 */
export function targetMet(
  target: BenchTarget | undefined,
  size: number,
  measure: SeriesStats,
  unit: BenchResult['unit'],
): boolean | null {
  if (!target) return null;
  if (target.atSize !== undefined && size !== target.atSize) return null;
  if (target.metric === 'rate') {
    const rate = unit === 'MB/s' ? (measure.rate ?? 0) / 1e6 : (measure.rate ?? 0);
    return rate >= target.value;
  }
  return (target.metric === 'median' ? measure.median : measure.p95) <= target.value;
}
