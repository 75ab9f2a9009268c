/**
 * `npm run bench [-- --quick] [--filter NAME] [--dialect sqlite|postgres] [--size N]`: runs every benchmark in
 * bench/benchmarks/ in a child process of its own, prints the table, writes the results JSON and (full
 * mode only) the figures in docs/benchmarks.md. See docs/benchmarks.md.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { DialectName } from '@steppingstones/db';
import type { ChildResult } from './child.ts';
import { discoverBenchmarks, type PlannedRun, planRuns } from './lib/discover.ts';
import { formatTable, resultRow } from './lib/format.ts';
import { formatMemoryVerdict, memoryVerdicts } from './lib/memory.ts';
import {
  mergeDocsBlock,
  mergeResults,
  renderResultsMarkdown,
  updateDocs,
  writeReportJson,
} from './lib/report.ts';
import { ratio, targetMet } from './lib/stats.ts';
import type { BenchReport, BenchResult } from './lib/types.ts';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH_DIR, '..');
const CHILD = path.join(BENCH_DIR, 'child.ts');

function spawnChild(args: string[], timeoutMs: number): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      stderr += text;
      if (args[0] === 'prepare') process.stderr.write(text);
    });
    const timer = setTimeout(() => {
      stderr += `\n(timed out after ${timeoutMs / 1000} s)`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stderr });
    });
  });
}

async function runOne(plan: PlannedRun, quick: boolean): Promise<BenchResult> {
  const { def } = plan.bench;
  const out = path.join(os.tmpdir(), `ss-bench-result-${process.pid}-${crypto.randomUUID()}.json`);
  const args = [
    'run',
    '--bench',
    plan.bench.file,
    '--name',
    def.name,
    '--dialect',
    plan.dialect,
    '--size',
    String(plan.size),
    '--out',
    out,
  ];
  if (quick) args.push('--quick');
  const { code, stderr } = await spawnChild(args, quick ? 120_000 : 600_000);
  const base = {
    name: def.name,
    description: def.description,
    dialect: plan.dialect,
    size: plan.size,
    unit: def.unit,
  };
  const empty = { count: 0, median: 0, min: 0, max: 0, p95: 0 };
  if (code !== 0 || !fs.existsSync(out)) {
    // The message lines, not the stack frames.
    const lines = stderr
      .trim()
      .split('\n')
      .filter((l) => !/^\s+at /.test(l));
    const error = lines.slice(-8).join('\n') || `exit code ${code}`;
    return {
      ...base,
      measure: empty,
      baseline: empty,
      ratio: 0,
      peakRssBytes: 0,
      target: def.target,
      met: null,
      error,
    };
  }
  const child = JSON.parse(fs.readFileSync(out, 'utf8')) as ChildResult | { skipped: string };
  fs.rmSync(out, { force: true });
  if ('skipped' in child) {
    const skipped = {
      measure: empty,
      baseline: empty,
      ratio: 0,
      peakRssBytes: 0,
      met: null,
      skipped: child.skipped,
    };
    return { ...base, ...skipped, ...(def.target ? { target: def.target } : {}) };
  }
  return {
    ...base,
    measure: child.measure,
    baseline: child.baseline,
    ratio: ratio(child.measure, child.baseline),
    peakRssBytes: child.peakRssBytes,
    ...(def.target ? { target: def.target } : {}),
    met: targetMet(def.target, plan.size, child.measure, def.unit),
  };
}

function printMemory(verdicts: ReturnType<typeof memoryVerdicts>): void {
  if (!verdicts.length) return;
  console.log('Memory (peak RSS of the child process at both sizes; flat = streams):');
  for (const v of verdicts) console.log(`  ${formatMemoryVerdict(v).replace(/\*\*/g, '')}`);
  console.log('');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      filter: { type: 'string', multiple: true, default: [] },
      dialect: { type: 'string' },
      size: { type: 'string', multiple: true, default: [] },
    },
  });
  const quick = values.quick;
  let dialects: DialectName[] = process.env.BENCH_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
  if (values.dialect) {
    if (values.dialect !== 'sqlite' && values.dialect !== 'postgres')
      throw new Error(`--dialect must be sqlite or postgres, not ${values.dialect}`);
    if (values.dialect === 'postgres' && !process.env.BENCH_DATABASE_URL)
      throw new Error('--dialect postgres needs BENCH_DATABASE_URL (a PostgreSQL admin URL)');
    dialects = [values.dialect];
  }
  const startedAt = new Date().toISOString();
  const loadAtStart = os.loadavg()[0] ?? 0;
  const benches = await discoverBenchmarks(path.join(BENCH_DIR, 'benchmarks'));
  const sizes = values.size.map((s) => Number(s.replace(/[_,]/g, '')));
  const runs = planRuns(benches, { quick, filters: values.filter, dialects, sizes });
  if (runs.length === 0) throw new Error('No benchmark matches the filter.');
  console.error(`${runs.length} runs (${quick ? 'quick' : 'full'} mode, ${dialects.join(' + ')})`);

  // Datasets first (cached; a miss builds it), so a run's figures and memory never include a build.
  const datasets = new Set(
    runs.filter((r) => r.bench.def.dataset === 'events').map((r) => `${r.dialect}:${r.size}`),
  );
  for (const key of datasets) {
    const [dialect, size] = key.split(':') as [DialectName, string];
    const { code, stderr } = await spawnChild(['prepare', '--dialect', dialect, '--size', size], 1_800_000);
    if (code !== 0) throw new Error(`Building the ${dialect} dataset of ${size} events failed:\n${stderr}`);
  }

  // Full mode runs one child at a time, so runs never compete for the CPUs. Quick mode only keeps the
  // benchmarks working (its figures mean nothing), so it runs as many children as there are CPUs.
  const results: BenchResult[] = new Array(runs.length);
  let next = 0;
  const worker = async () => {
    while (next < runs.length) {
      const index = next++;
      const result = await runOne(runs[index]!, quick);
      result.measuredAt = new Date().toISOString();
      result.loadAverage = Math.round((os.loadavg()[0] ?? 0) * 10) / 10;
      results[index] = result;
      console.error(resultRow(result).filter(Boolean).join(' | '));
      if (result.error) console.error(`  ${result.error.replace(/\n/g, '\n  ')}`);
    }
  };
  const parallel = quick ? Math.max(1, Math.min(os.cpus().length, 4)) : 1;
  await Promise.all(Array.from({ length: parallel }, worker));

  const report: BenchReport = {
    startedAt,
    finishedAt: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
      totalMemoryBytes: os.totalmem(),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      loadAverage: [loadAtStart, os.loadavg()[0] ?? 0],
    },
    results,
  };
  console.log(`\n${formatTable(results)}\n`);
  const defs = benches.map((b) => b.def);
  const resultsFile = path.join(BENCH_DIR, 'results', quick ? 'quick.json' : 'latest.json');
  if (quick) {
    report.memory = memoryVerdicts(results, defs);
    printMemory(report.memory);
    writeReportJson(resultsFile, report);
  } else {
    // A partial full run (--filter, --dialect) updates its rows and keeps the others' latest figures.
    const previous = fs.existsSync(resultsFile)
      ? (JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as BenchReport)
      : undefined;
    const partial = values.filter.length > 0 || values.dialect !== undefined || sizes.length > 0;
    const merged = partial ? mergeResults(previous, report) : report;
    // Memory is compared across sizes, so over the merged rows (a narrowed run may have run one size).
    merged.memory = memoryVerdicts(merged.results, defs);
    printMemory(merged.memory);
    writeReportJson(resultsFile, merged);
    const docs = path.join(ROOT, 'docs', 'benchmarks.md');
    const existing = fs.existsSync(docs) ? fs.readFileSync(docs, 'utf8') : '# Benchmarks\n';
    const block = renderResultsMarkdown(merged);
    fs.writeFileSync(docs, updateDocs(existing, partial ? mergeDocsBlock(existing, block) : block));
    console.error(`updated ${path.relative(ROOT, docs)}`);
  }
  console.error(`results written to ${path.relative(ROOT, resultsFile)}`);
  const failed = results.filter((r) => r.error);
  if (failed.length > 0)
    console.error(`${failed.length} run(s) failed: ${failed.map((r) => r.name).join(', ')}`);
  return failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
