import type { BenchmarkDefinition } from './types.ts';

/** Typed identity: a benchmark module does `export default defineBenchmark({ … })`. */
export function defineBenchmark<S>(definition: BenchmarkDefinition<S>): BenchmarkDefinition<S> {
  return definition;
}

/** Times one call, in ms. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/**
 * Thrown by a benchmark's setup when what it measures is not installed here (e.g. a report plugin):
 * the run is listed as skipped, not failed.
 */
export class SkipRun extends Error {}
