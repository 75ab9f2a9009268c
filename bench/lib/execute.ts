import { timed } from './define.ts';
import { summarise } from './stats.ts';
import type { BenchmarkDefinition, SampleWork, SeriesStats } from './types.ts';

export interface Series {
  times: number[];
  work: number[];
}

/**
 * Runs warm-up calls, then the timed calls of baseline and measure interleaved (alternating which goes
 * first), so drift on a shared machine (other processes, cache state) hits both alike.
 */
export async function runIterations<S>(
  def: BenchmarkDefinition<S>,
  state: S,
  iterations: number,
  quick = false,
): Promise<{ measure: SeriesStats; baseline: SeriesStats }> {
  // Quick mode only keeps the benchmarks working: two warm-up calls are enough for that.
  const warmup = quick ? Math.min(def.warmup ?? 2, 2) : (def.warmup ?? 2);
  for (let i = 0; i < warmup; i++) {
    await def.baseline(state, -1 - i);
    await def.measure(state, -1 - i);
  }
  const base: Series = { times: [], work: [] };
  const meas: Series = { times: [], work: [] };
  const record = (series: Series, ms: number, work: SampleWork | undefined) => {
    series.times.push(ms);
    const units = def.unit === 'MB/s' ? work?.bytes : work?.rows;
    if (units !== undefined) series.work.push(units);
  };
  for (let i = 0; i < iterations; i++) {
    if (i % 2 === 0) {
      const b = await timed(() => def.baseline(state, i));
      record(base, b.ms, b.value);
      const m = await timed(() => def.measure(state, i));
      record(meas, m.ms, m.value);
    } else {
      const m = await timed(() => def.measure(state, i));
      record(meas, m.ms, m.value);
      const b = await timed(() => def.baseline(state, i));
      record(base, b.ms, b.value);
    }
  }
  return { measure: summarise(meas.times, meas.work), baseline: summarise(base.times, base.work) };
}
