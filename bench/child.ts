/**
 * One benchmark run in a process of its own (so its peak memory is its own): `prepare` builds or checks
 * a cached dataset; `run` copies it into a fresh database, runs the benchmark and writes its result JSON.
 *   node --import tsx bench/child.ts prepare --dialect sqlite --size 10000
 *   node --import tsx bench/child.ts run --bench bench/benchmarks/x.bench.ts --name x --dialect sqlite --size 10000 --out r.json [--quick]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspect, parseArgs } from 'node:util';
import { createDb, type DialectName, migrateToLatest } from '@steppingstones/db';
import { ensureDataset } from './generators/dataset.ts';
import { createRunDatabase } from './lib/databases.ts';
import { SkipRun } from './lib/define.ts';
import { loadDefinitions } from './lib/discover.ts';
import { runIterations } from './lib/execute.ts';
import type { BenchEnv } from './lib/types.ts';

export interface ChildResult {
  measure: Awaited<ReturnType<typeof runIterations>>['measure'];
  baseline: Awaited<ReturnType<typeof runIterations>>['baseline'];
  peakRssBytes: number;
}

async function run(
  benchFile: string,
  name: string | undefined,
  dialect: DialectName,
  size: number,
  quick: boolean,
): Promise<ChildResult | { skipped: string }> {
  const defs = await loadDefinitions(benchFile);
  const def = name ? defs.find((d) => d.name === name) : defs[0];
  if (!def) throw new Error(`${benchFile} has no benchmark named ${name}`);
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-bench-'));
  const cached = def.dataset === 'events' ? await ensureDataset(dialect, size) : undefined;
  const runDb = await createRunDatabase(dialect, tmpDir, cached);
  const database = createDb({ target: { dialect, location: runDb.url } });
  try {
    await migrateToLatest(database);
    const env: BenchEnv = { dialect, size, quick, database, databaseUrl: runDb.url, tmpDir };
    if (cached) env.dataset = cached.info;
    let state: unknown;
    try {
      state = await def.setup(env);
    } catch (error) {
      if (error instanceof SkipRun) return { skipped: error.message };
      throw error;
    }
    try {
      const iterations = quick ? def.iterations.quick : def.iterations.full;
      const stats = await runIterations(def, state, iterations, quick);
      return { ...stats, peakRssBytes: process.resourceUsage().maxRSS * 1024 };
    } finally {
      await def.teardown?.(state);
    }
  } finally {
    await database.close();
    await runDb.drop();
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      bench: { type: 'string' },
      name: { type: 'string' },
      dialect: { type: 'string', default: 'sqlite' },
      size: { type: 'string', default: '0' },
      out: { type: 'string' },
      quick: { type: 'boolean', default: false },
    },
  });
  const dialect = values.dialect as DialectName;
  const size = Number(values.size);
  if (positionals[0] === 'prepare') {
    await ensureDataset(dialect, size, undefined, (line) => process.stderr.write(`  ${line}\n`));
    return;
  }
  if (positionals[0] !== 'run' || !values.bench || !values.out)
    throw new Error('usage: child.ts run --bench FILE --name NAME --out FILE …');
  const result = await run(values.bench, values.name, dialect, size, values.quick);
  fs.writeFileSync(values.out, JSON.stringify(result));
}

// A run whose event loop empties while it still awaits something (a promise nothing will settle) would
// otherwise end with code 0 and no result: say so, with what was still open.
let settled = false;
process.on('beforeExit', () => {
  if (settled) return;
  process.stderr.write(
    `the run stopped before it finished: its event loop emptied while it still waited (open: ${process.getActiveResourcesInfo().join(', ') || 'nothing'})\n`,
  );
  process.exit(1);
});

main().then(
  () => {
    settled = true;
    process.exit(0);
  },
  (error: unknown) => {
    settled = true;
    // inspect() shows `cause` too: "TypeError: fetch failed" alone does not say what failed.
    process.stderr.write(`${inspect(error, { depth: 4 })}\n`);
    process.exit(1);
  },
);
