import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DialectName } from '@steppingstones/db';
import type { BenchmarkDefinition } from './types.ts';

export interface DiscoveredBenchmark {
  file: string;
  def: BenchmarkDefinition;
}

/** A module's benchmarks: its default export, one definition or an array of them (a family, e.g. reports). */
export async function loadDefinitions(file: string): Promise<BenchmarkDefinition[]> {
  const mod = (await import(pathToFileURL(path.resolve(file)).href)) as {
    default?: BenchmarkDefinition | BenchmarkDefinition[];
  };
  const defs = Array.isArray(mod.default) ? mod.default : mod.default ? [mod.default] : [];
  if (defs.length === 0 || defs.some((d) => !d.name))
    throw new Error(`${file} has no default export from defineBenchmark() (or an array of them)`);
  return defs;
}

/** Every `*.bench.ts` in the folder, sorted by file name (so the table order is stable). */
export async function discoverBenchmarks(dir: string): Promise<DiscoveredBenchmark[]> {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort();
  const out: DiscoveredBenchmark[] = [];
  for (const name of files) {
    const file = path.join(dir, name);
    for (const def of await loadDefinitions(file)) out.push({ file, def });
  }
  const names = new Set<string>();
  for (const b of out) {
    if (names.has(b.def.name)) throw new Error(`Two benchmarks are named ${b.def.name}`);
    names.add(b.def.name);
  }
  return out;
}

export interface PlannedRun {
  bench: DiscoveredBenchmark;
  dialect: DialectName;
  size: number;
}

/** The runs to do: each benchmark × dialect × size, narrowed by --filter (substrings of names) and --size. */
export function planRuns(
  benches: readonly DiscoveredBenchmark[],
  options: { quick: boolean; filters: string[]; dialects: DialectName[]; sizes?: number[] },
): PlannedRun[] {
  const runs: PlannedRun[] = [];
  for (const bench of benches) {
    if (options.filters.length > 0 && !options.filters.some((f) => bench.def.name.includes(f))) continue;
    for (const dialect of options.dialects) {
      if (bench.def.dialects && !bench.def.dialects.includes(dialect)) continue;
      for (const size of options.quick ? bench.def.sizes.quick : bench.def.sizes.full) {
        // --size narrows the dataset sizes; benchmarks without a dataset (size 0) always run.
        if (options.sizes?.length && size !== 0 && !options.sizes.includes(size)) continue;
        runs.push({ bench, dialect, size });
      }
    }
  }
  return runs;
}
