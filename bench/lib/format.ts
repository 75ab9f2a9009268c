import type { BenchResult } from './types.ts';

export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export function formatSize(n: number): string {
  if (n === 0) return '–';
  return n.toLocaleString('en-US');
}

export function formatRate(result: Pick<BenchResult, 'unit' | 'measure'>): string {
  const rate = result.measure.rate;
  if (rate === undefined) return '–';
  if (result.unit === 'MB/s') return `${(rate / 1e6).toFixed(1)} MB/s`;
  if (rate >= 10_000) return `${Math.round(rate / 1000).toLocaleString('en-US')}k rows/s`;
  return `${rate.toFixed(0)} rows/s`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
  return `${(bytes / 1024 ** 2).toFixed(0)} MB`;
}

export function formatRatio(r: number): string {
  return r > 0 ? `${r.toFixed(2)}×` : '–';
}

/** "yes" / "NO" at the target's size, "(yes)" / "(no)" below it (indicative only), "–" without a target. */
export function formatMet(
  result: Pick<BenchResult, 'met' | 'target' | 'error' | 'measure' | 'size'>,
): string {
  if (result.error) return 'ERROR';
  if (!result.target) return '–';
  if (result.met === true) return 'yes';
  if (result.met === false) return 'NO';
  return '(indicative)';
}

export const TABLE_HEADERS = [
  'benchmark',
  'dialect',
  'size',
  'median',
  'min',
  'max',
  'throughput',
  'peak RSS',
  'baseline',
  'ratio',
  'target',
  'met',
] as const;

export function resultRow(r: BenchResult): string[] {
  if (r.skipped)
    return [
      r.name,
      r.dialect,
      formatSize(r.size),
      'skipped',
      '',
      '',
      '',
      '',
      '',
      '',
      r.target?.text ?? '',
      '–',
    ];
  if (r.error)
    return [
      r.name,
      r.dialect,
      formatSize(r.size),
      'failed',
      '',
      '',
      '',
      '',
      '',
      '',
      r.target?.text ?? '',
      'ERROR',
    ];
  return [
    r.name,
    r.dialect,
    formatSize(r.size),
    formatMs(r.measure.median),
    formatMs(r.measure.min),
    formatMs(r.measure.max),
    formatRate(r),
    formatBytes(r.peakRssBytes),
    formatMs(r.baseline.median),
    formatRatio(r.ratio),
    r.target?.text ?? '–',
    formatMet(r),
  ];
}

/** A plain-text table, columns padded to their widest cell; numbers right-aligned. */
export function formatTable(results: readonly BenchResult[]): string {
  const rows = [Array.from(TABLE_HEADERS), ...results.map(resultRow)];
  const widths = TABLE_HEADERS.map((_, i) => Math.max(...rows.map((row) => [...(row[i] ?? '')].length)));
  const rightAligned = new Set([2, 3, 4, 5, 6, 7, 8, 9]);
  const line = (row: string[]) =>
    row
      .map((cell, i) => {
        const pad = ' '.repeat(widths[i]! - [...cell].length);
        return rightAligned.has(i) ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join('\n');
}
