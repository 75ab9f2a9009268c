import type { Database, DialectName } from '@steppingstones/db';
import type { DatasetInfo } from '../generators/dataset-info.ts';
import type { MemoryVerdict } from './memory.ts';

/**
 * A target copied from the issue that sets it. `metric` says which figure is compared:
 * a time (median or p95, in ms, must be at most `value`) or a rate (rows or MB per second, at least `value`).
 */
export interface BenchTarget {
  /** As the issue words it, e.g. "median ≤ 30 ms at 1,000,000 events on SQLite". */
  text: string;
  issue: number;
  metric: 'median' | 'p95' | 'rate';
  value: number;
  /** The dataset size the target is stated for; smaller runs are indicative only. */
  atSize?: number;
}

/** What one timed call reports besides its duration: how much work it did, for rows/s or MB/s. */
export interface SampleWork {
  rows?: number;
  bytes?: number;
}

/** The per-run environment a benchmark's setup receives, built by the child process. */
export interface BenchEnv {
  dialect: DialectName;
  /** Number of events in the dataset (or the benchmark's own size parameter when it has no dataset). */
  size: number;
  quick: boolean;
  /** The database of this run: a fresh copy of the cached dataset, or an empty migrated database. */
  database: Database;
  /** DATABASE_URL of that database, to build an app context on it. */
  databaseUrl: string;
  /** What the dataset holds (ids of the engagement, operator, terms to search for…); absent for `dataset: 'none'`. */
  dataset?: DatasetInfo;
  /** A scratch directory removed after the run. */
  tmpDir: string;
}

export interface BenchmarkDefinition<S = unknown> {
  /** Unique, kebab-case; `--filter` matches on it. */
  name: string;
  /** One line: what the measured operation is. */
  description: string;
  /** One line: what the baseline is. */
  baselineDescription: string;
  target?: BenchTarget;
  /** Which prepared data the run starts from: the event dataset of `size` events, or an empty migrated database. */
  dataset: 'events' | 'none';
  sizes: { full: number[]; quick: number[] };
  /** Timed calls of each function per run (after `warmup` untimed ones; at most 2 in quick mode). */
  iterations: { full: number; quick: number };
  warmup?: number;
  /** Which unit the throughput column shows. */
  unit: 'rows/s' | 'MB/s';
  /**
   * Memory must stay flat between two of `sizes.full`: the peak RSS at the larger may be at most
   * `maxGrowth` times the one at the smaller (the runs print both and the verdict).
   */
  flatMemory?: { sizes: [number, number]; maxGrowth: number };
  dialects?: DialectName[];
  /** Prepares state shared by baseline and measure (servers, sessions, statements). */
  setup(env: BenchEnv): Promise<S>;
  baseline(state: S, iteration: number): Promise<SampleWork | undefined>;
  measure(state: S, iteration: number): Promise<SampleWork | undefined>;
  teardown?(state: S): Promise<void>;
}

/** Summary of the timed calls of one function. Times in ms. */
export interface SeriesStats {
  count: number;
  median: number;
  min: number;
  max: number;
  p95: number;
  /** Rows or bytes per second at the median time, when the calls reported work. */
  rate?: number;
}

/** One (benchmark, dialect, size) run, as written to the results JSON. */
export interface BenchResult {
  name: string;
  description: string;
  dialect: DialectName;
  size: number;
  unit: 'rows/s' | 'MB/s';
  measure: SeriesStats;
  baseline: SeriesStats;
  /** measure median / baseline median. */
  ratio: number;
  /** RSS high-water mark of the child process, in bytes. */
  peakRssBytes: number;
  target?: BenchTarget;
  /** `true`/`false` when the run is at the target's size (or it has none), `null` when only indicative. */
  met: boolean | null;
  /** When the run ended, and the machine's 1-minute load average then (figures on a busy machine are slower). */
  measuredAt?: string;
  loadAverage?: number;
  /** Present when the benchmark's subject is not installed here (e.g. a report plugin); figures are zero. */
  skipped?: string;
  /** Present when the run failed; the other figures are then zero. */
  error?: string;
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  mode: 'full' | 'quick';
  machine: {
    cpus: number;
    cpuModel: string;
    totalMemoryBytes: number;
    node: string;
    platform: string;
    /** 1-minute load average at the start and the end: other work on a shared machine skews figures. */
    loadAverage?: [number, number];
  };
  results: BenchResult[];
  /** Peak RSS compared across sizes for benchmarks that must stream with flat memory. */
  memory?: MemoryVerdict[];
}
