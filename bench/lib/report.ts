import fs from 'node:fs';
import path from 'node:path';
import { formatBytes, formatMs, formatRate, formatRatio, formatSize } from './format.ts';
import { formatMemoryVerdict } from './memory.ts';
import type { BenchReport, BenchResult } from './types.ts';

export const DOCS_START = '<!-- bench:results:start (written by `npm run bench`; do not edit by hand) -->';
export const DOCS_END = '<!-- bench:results:end -->';

/** Writes the report as pretty JSON, creating the folder. */
export function writeReportJson(file: string, report: BenchReport): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function verdict(r: BenchResult): string {
  if (r.skipped) return `skipped: ${escapeCell(r.skipped)}`;
  if (r.error) return `**failed**: ${escapeCell(r.error.split('\n')[0] ?? '')}`;
  if (!r.target) return '–';
  if (r.met === true) return 'met';
  if (r.met === false) return '**not met**';
  return 'indicative (target is for another size)';
}

function loadNote(load: [number, number] | undefined, cpus: number): string {
  if (!load) return '';
  const busy =
    Math.max(...load) > cpus ? ' (above the CPU count: other processes competed for the CPUs)' : '';
  return `; 1-minute load average ${load[0].toFixed(1)} at the start, ${load[1].toFixed(1)} at the end${busy}`;
}

/** The generated part of docs/benchmarks.md: the figures of one full run against their targets. */
export function renderResultsMarkdown(report: BenchReport): string {
  const m = report.machine;
  const lines = [
    DOCS_START,
    '',
    `Last full run: ${report.finishedAt} (${report.mode} mode) on ${m.cpus} × ${m.cpuModel}, ` +
      `${formatBytes(m.totalMemoryBytes)} RAM, Node ${m.node}, ${m.platform}${loadNote(m.loadAverage, m.cpus)}. Times are medians of the timed ` +
      'calls; `ratio` is the median divided by the median of the baseline measured in the same process; `load` is ' +
      'the 1-minute load average when the run ended (narrowed runs merge their rows, so rows may come from ' +
      'different runs).',
    '',
    '| benchmark | dialect | events | median | min | max | p95 | throughput | peak RSS | baseline median | ratio | target (issue) | verdict | load |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|--:|',
  ];
  const order = (r: BenchResult) => `${r.name}\u0000${r.dialect}\u0000${String(r.size).padStart(10, '0')}`;
  for (const r of [...report.results].sort((a, b) => order(a).localeCompare(order(b)))) {
    const load = r.loadAverage === undefined ? '' : r.loadAverage.toFixed(1);
    const target = r.target ? `${escapeCell(r.target.text)} (#${r.target.issue})` : '–';
    if (r.error || r.skipped) {
      lines.push(
        `| ${r.name} | ${r.dialect} | ${formatSize(r.size)} | | | | | | | | | ${target} | ${verdict(r)} | ${load} |`,
      );
      continue;
    }
    lines.push(
      `| ${r.name} | ${r.dialect} | ${formatSize(r.size)} | ${formatMs(r.measure.median)} | ` +
        `${formatMs(r.measure.min)} | ${formatMs(r.measure.max)} | ${formatMs(r.measure.p95)} | ${formatRate(r)} | ` +
        `${formatBytes(r.peakRssBytes)} | ${formatMs(r.baseline.median)} | ${formatRatio(r.ratio)} | ${target} | ${verdict(r)} | ${load} |`,
    );
  }
  if (report.memory?.length) {
    lines.push('', 'Memory across sizes (peak RSS of the child process; flat means the report streams):', '');
    for (const v of report.memory) lines.push(`- ${formatMemoryVerdict(v)}`);
  }
  lines.push('', DOCS_END);
  return lines.join('\n');
}

/**
 * Replaces the generated block of the docs page (between the markers) and keeps the hand-written rest;
 * a page without the markers gets the block appended.
 */
export function updateDocs(existing: string, block: string): string {
  const start = existing.indexOf(DOCS_START);
  const end = existing.indexOf(DOCS_END);
  if (start >= 0 && end > start) {
    return existing.slice(0, start) + block + existing.slice(end + DOCS_END.length);
  }
  return `${existing.trimEnd()}\n\n${block}\n`;
}

const ROW_KEY_CELLS = 3; // benchmark | dialect | size
const rowKey = (line: string) => line.split(' | ').slice(0, ROW_KEY_CELLS).join(' | ');
/** Name, dialect, then size in numeric order, as renderResultsMarkdown sorts. */
const rowOrder = (line: string) => {
  const [name = '', dialect = '', size = ''] = line.split(' | ');
  return `${name}\u0000${dialect}\u0000${size.replace(/\D/g, '').padStart(10, '0')}`;
};
const isResultRow = (line: string) =>
  line.startsWith('| ') && !line.startsWith('| benchmark ') && line.split(' | ').length > ROW_KEY_CELLS;
const MEMORY_LINE = /^- (\S+ \(\w+\)):/;
const memoryKey = (line: string) => MEMORY_LINE.exec(line)?.[1] ?? line;

/**
 * A narrowed full run keeps the docs page's rows and memory lines it did not run, even when the previous
 * results file is missing or older (a fresh clone: bench/results is not committed), so no figure is lost.
 */
export function mergeDocsBlock(existingPage: string, block: string): string {
  const start = existingPage.indexOf(DOCS_START);
  const end = existingPage.indexOf(DOCS_END);
  if (start < 0 || end < start) return block;
  const oldLines = existingPage.slice(start, end).split('\n');
  const lines = block.split('\n');
  const freshRows = lines.filter(isResultRow);
  const freshMemory = lines.filter((l) => MEMORY_LINE.test(l));
  const rowKeys = new Set(freshRows.map(rowKey));
  const memoryKeys = new Set(freshMemory.map(memoryKey));
  const rows = [...freshRows, ...oldLines.filter((l) => isResultRow(l) && !rowKeys.has(rowKey(l)))];
  const memory = [
    ...freshMemory,
    ...oldLines.filter((l) => MEMORY_LINE.test(l) && !memoryKeys.has(memoryKey(l))),
  ];
  const tableHeaderEnd = lines.findIndex((l) => l.startsWith('|---')) + 1;
  const out = [
    ...lines.slice(0, tableHeaderEnd),
    ...rows.sort((a, b) => rowOrder(a).localeCompare(rowOrder(b))),
  ];
  if (memory.length)
    out.push(
      '',
      'Memory across sizes (peak RSS of the child process; flat means the report streams):',
      '',
      ...memory,
    );
  out.push('', DOCS_END);
  return out.join('\n');
}

/**
 * A partial full run (filtered) replaces the rows it ran and keeps the others from the previous report,
 * in the previous order, new rows last.
 */
export function mergeResults(previous: BenchReport | undefined, current: BenchReport): BenchReport {
  if (previous?.mode !== 'full') return current;
  const key = (r: BenchResult) => `${r.name}\u0000${r.dialect}\u0000${r.size}`;
  const fresh = new Map(current.results.map((r) => [key(r), r]));
  const results = previous.results.map((r) => fresh.get(key(r)) ?? r);
  const seen = new Set(previous.results.map(key));
  for (const r of current.results) if (!seen.has(key(r))) results.push(r);
  return { ...current, results };
}
