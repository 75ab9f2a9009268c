import { formatBytes, formatSize } from './format.ts';
import type { BenchmarkDefinition, BenchResult } from './types.ts';

/** A benchmark's peak RSS at its two sizes, and whether memory stayed flat between them. */
export interface MemoryVerdict {
  name: string;
  dialect: string;
  small: { size: number; peakRssBytes: number };
  large: { size: number; peakRssBytes: number };
  /** large / small peak RSS. */
  growth: number;
  maxGrowth: number;
  flat: boolean;
}

/**
 * For every benchmark that declares `flatMemory`, compares the peak RSS of its runs at the two sizes
 * (both must have succeeded, possibly in different narrowed runs: the merged results are passed in).
 */
export function memoryVerdicts(
  results: readonly BenchResult[],
  defs: readonly Pick<BenchmarkDefinition, 'name' | 'flatMemory'>[],
): MemoryVerdict[] {
  const out: MemoryVerdict[] = [];
  for (const def of defs) {
    if (!def.flatMemory) continue;
    const [smallSize, largeSize] = def.flatMemory.sizes;
    const ok = (r: BenchResult) => r.name === def.name && !r.error && !r.skipped && r.peakRssBytes > 0;
    for (const small of results.filter((r) => ok(r) && r.size === smallSize)) {
      const large = results.find((r) => ok(r) && r.size === largeSize && r.dialect === small.dialect);
      if (!large) continue;
      const growth = large.peakRssBytes / small.peakRssBytes;
      out.push({
        name: def.name,
        dialect: small.dialect,
        small: { size: smallSize, peakRssBytes: small.peakRssBytes },
        large: { size: largeSize, peakRssBytes: large.peakRssBytes },
        growth,
        maxGrowth: def.flatMemory.maxGrowth,
        flat: growth <= def.flatMemory.maxGrowth,
      });
    }
  }
  return out;
}

/** One line per verdict, e.g. `report-x (sqlite): peak RSS 301 MB at 10,000 events, 322 MB at 100,000 (×1.07): flat`. */
export function formatMemoryVerdict(v: MemoryVerdict): string {
  return (
    `${v.name} (${v.dialect}): peak RSS ${formatBytes(v.small.peakRssBytes)} at ${formatSize(v.small.size)} events, ` +
    `${formatBytes(v.large.peakRssBytes)} at ${formatSize(v.large.size)} (×${v.growth.toFixed(2)}): ` +
    (v.flat ? 'flat' : `**not flat** (more than ×${v.maxGrowth})`)
  );
}
