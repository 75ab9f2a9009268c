import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetSpec, generateEvents } from './generators/events.ts';
import { Rng } from './generators/random.ts';
import { formatTable } from './lib/format.ts';
import {
  DOCS_END,
  DOCS_START,
  mergeDocsBlock,
  mergeResults,
  renderResultsMarkdown,
  updateDocs,
  writeReportJson,
} from './lib/report.ts';
import { ratio, summarise, targetMet } from './lib/stats.ts';
import type { BenchReport, BenchResult } from './lib/types.ts';

const target = {
  text: 'median ≤ 30 ms at 1,000,000 events',
  issue: 4,
  metric: 'median',
  value: 30,
  atSize: 1_000_000,
} as const;

function result(overrides: Partial<BenchResult> = {}): BenchResult {
  const measure = summarise([12, 10, 11, 40, 9], [100, 100, 100, 100, 100]);
  const baseline = summarise([4, 5, 6]);
  return {
    name: 'events-grid-default',
    description: 'GET /api/v1/events/',
    dialect: 'sqlite',
    size: 1_000_000,
    unit: 'rows/s',
    measure,
    baseline,
    ratio: ratio(measure, baseline),
    peakRssBytes: 150 * 1024 * 1024,
    target,
    met: targetMet(target, 1_000_000, measure, 'rows/s'),
    ...overrides,
  };
}

function report(results: BenchResult[], mode: 'full' | 'quick' = 'full'): BenchReport {
  return {
    startedAt: '2026-11-23T00:00:00.000Z',
    finishedAt: '2026-11-23T00:10:00.000Z',
    mode,
    machine: {
      cpus: 2,
      cpuModel: 'Test CPU',
      totalMemoryBytes: 8 * 1024 ** 3,
      node: 'v20.20.2',
      platform: 'linux',
    },
    results,
  };
}

describe('benchmark statistics', () => {
  it('takes the median, extremes and a rate at the median time', () => {
    const s = summarise([12, 10, 11, 40, 9], [100, 100, 100, 100, 100]);
    expect(s).toMatchObject({ count: 5, median: 11, min: 9, max: 40 });
    expect(s.rate).toBeCloseTo(100 / 0.011, 5);
  });

  it('reports the ratio of the medians', () => {
    expect(ratio(summarise([10, 30, 20]), summarise([5, 4, 6]))).toBe(4);
  });

  it('judges a target only at its own size', () => {
    expect(targetMet(target, 1_000_000, summarise([25]), 'rows/s')).toBe(true);
    expect(targetMet(target, 1_000_000, summarise([31]), 'rows/s')).toBe(false);
    expect(targetMet(target, 10_000, summarise([31]), 'rows/s')).toBeNull();
    const rateTarget = { text: '≥ 50,000 rows/s', issue: 5, metric: 'rate', value: 50_000 } as const;
    expect(targetMet(rateTarget, 10, summarise([10], [1000]), 'rows/s')).toBe(true);
    expect(targetMet(rateTarget, 10, summarise([10], [100]), 'rows/s')).toBe(false);
  });
});

describe('the results table', () => {
  it('has the ratio column and one aligned row per run', () => {
    const table = formatTable([result(), result({ dialect: 'postgres', met: false })]).split('\n');
    expect(table[0]).toMatch(/^benchmark\s+dialect\s+size\s+median.*ratio\s+target\s+met$/);
    expect(table).toHaveLength(4);
    expect(table[2]).toContain('1,000,000');
    expect(table[2]).toContain('11.0 ms');
    expect(table[2]).toContain('2.20×');
    expect(table[2]).toMatch(/yes$/);
    expect(table[3]).toMatch(/NO$/);
  });

  it('shows a failed run as failed', () => {
    const table = formatTable([result({ error: 'boom' })]);
    expect(table).toContain('failed');
    expect(table).toMatch(/ERROR$/);
  });
});

describe('results files', () => {
  it('writes the report as JSON, creating its folder', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-test-'));
    const file = path.join(dir, 'results', 'quick.json');
    writeReportJson(file, report([result()], 'quick'));
    const back = JSON.parse(fs.readFileSync(file, 'utf8')) as BenchReport;
    expect(back.mode).toBe('quick');
    expect(back.results[0]!.ratio).toBeCloseTo(2.2);
    fs.rmSync(dir, { recursive: true });
  });

  it('replaces only the generated block of the docs page', () => {
    const block = renderResultsMarkdown(report([result()]));
    expect(block).toContain('| events-grid-default | sqlite | 1,000,000 | 11.0 ms |');
    expect(block).toContain('median ≤ 30 ms at 1,000,000 events (#4) | met |');
    const page = `# Benchmarks\n\nHand-written intro.\n\n${DOCS_START}\nold figures\n${DOCS_END}\n\n## After\n`;
    const updated = updateDocs(page, block);
    expect(updated).toContain('Hand-written intro.');
    expect(updated).toContain('## After');
    expect(updated).not.toContain('old figures');
    expect(updateDocs(updated, block)).toBe(updated);
    expect(updateDocs('# Benchmarks\n', block)).toContain(DOCS_START);
  });

  it('keeps the docs rows a narrowed run did not run when there is no previous results file', () => {
    const old = renderResultsMarkdown(report([result(), result({ name: 'other', measure: summarise([1]) })]));
    const page = `# Benchmarks\n\n${old}\n`;
    const block = renderResultsMarkdown(report([result({ measure: summarise([99]) })]));
    const merged = mergeDocsBlock(page, block);
    const rows = merged.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| benchmark'));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('| events-grid-default | sqlite | 1,000,000 | 99.0 ms |');
    expect(rows[1]).toContain('| other | sqlite |');
    expect(merged.endsWith(DOCS_END)).toBe(true);
  });

  it('merges a partial full run into the previous one', () => {
    const previous = report([result(), result({ name: 'other', measure: summarise([1]) })]);
    const current = report([result({ measure: summarise([99]) })]);
    const merged = mergeResults(previous, current);
    expect(merged.results.map((r) => [r.name, r.measure.median])).toEqual([
      ['events-grid-default', 99],
      ['other', 1],
    ]);
  });
});

describe('generators', () => {
  it('produce the same data for the same seed, and different data for another', () => {
    const take = (seed: number) => {
      const { spec, estate } = datasetSpec(seed, 200);
      return [...generateEvents(spec, estate)];
    };
    expect(take(7)).toEqual(take(7));
    expect(take(7)[5]!.description).not.toEqual(take(8)[5]!.description);
    const r = new Rng(1);
    expect([r.int(1000), r.int(1000)]).toEqual(((x) => [x.int(1000), x.int(1000)])(new Rng(1)));
  });

  it('plant the rare search term in exactly three events', () => {
    const { spec, estate } = datasetSpec(3, 5000);
    const events = [...generateEvents(spec, estate)];
    expect(events.filter((e) => e.description.includes(spec.terms.rare))).toHaveLength(3);
    expect(
      events.filter((e) => e.tactic === spec.filter.tactic && e.detected === spec.filter.detected).length,
    ).toBeGreaterThan(50);
  });
});

describe('skipped runs', () => {
  it('are listed as skipped, not failed', () => {
    const skipped = result({ skipped: 'graphical-reports/x is not installed', met: null });
    expect(formatTable([skipped])).toMatch(/skipped/);
    expect(formatTable([skipped])).not.toMatch(/ERROR/);
    expect(renderResultsMarkdown(report([skipped]))).toContain(
      'skipped: graphical-reports/x is not installed',
    );
  });
});
