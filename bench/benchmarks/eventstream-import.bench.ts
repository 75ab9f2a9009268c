import fs from 'node:fs';
import path from 'node:path';
import { createEngagement } from '@steppingstones/core/engagements';
import { importEventStream, PARALLEL_FROM_BYTES, readLines } from '@steppingstones/core/eventstream';
import { systemPrincipal } from '@steppingstones/core/permissions';
import { writeEventStreamFile } from '../generators/eventstream-lines.ts';
import { defineBenchmark } from '../lib/define.ts';
import { benchServices } from '../lib/services.ts';

interface State {
  file: string;
  lines: number;
  bytes: number;
  /** A fresh engagement per import, so every line is new. */
  targets: string[];
  env: Parameters<Parameters<typeof defineBenchmark>[0]['setup']>[0];
}

const ITERATIONS = { full: 2, quick: 1 };

/**
 * EventStream import of a file of N lines into an empty engagement, as the CLI runs it (the file
 * streamed through the line reader, each line parsed and checked, batches of 1,000 written in one
 * transaction each, credentials extracted from the new lines; from 8 MB the lines are prepared in a
 * thread beside the writes). Baseline: reading the same file
 * through the same line reader without parsing. Peak memory must not grow with the file.
 */
export default defineBenchmark<State>({
  name: 'eventstream-import',
  description: 'EventStream import of an N-line JSON Lines file (the CLI path: stream, check, batches)',
  baselineDescription: 'reading the same file line by line without parsing',
  target: {
    text: 'importing a 1,000,000-line EventStream file on SQLite at ≥ 100,000 lines/s',
    issue: 18,
    metric: 'rate',
    value: 100_000,
    atSize: 1_000_000,
  },
  dataset: 'none',
  dialects: ['sqlite'],
  sizes: { full: [100_000, 1_000_000], quick: [5_000] },
  iterations: ITERATIONS,
  warmup: 0,
  unit: 'rows/s',
  flatMemory: { sizes: [100_000, 1_000_000], maxGrowth: 1.5 },
  async setup(env) {
    const file = path.join(env.tmpDir, 'eventstream.jsonl');
    const bytes = await writeEventStreamFile(file, env.size);
    const targets: string[] = [];
    for (let i = 0; i < (env.quick ? ITERATIONS.quick : ITERATIONS.full); i++) {
      const code = `ES-IMPORT-${i}`;
      await createEngagement(benchServices(env.database), {
        code,
        name: code,
        start_date: '2026-01-01',
        end_date: '2026-12-31',
      });
      targets.push(code);
    }
    return { file, lines: env.size, bytes, targets, env };
  },
  async baseline(state) {
    let lines = 0;
    for await (const _ of readLines(fs.createReadStream(state.file))) lines++;
    return { rows: lines, bytes: state.bytes };
  },
  async measure(state) {
    const code = state.targets.shift();
    if (!code) throw new Error('more imports than prepared engagements');
    // As the CLI runs a file this large: lines prepared in a thread while the batches are written.
    const result = await importEventStream(
      benchServices(state.env.database),
      systemPrincipal('cli'),
      code,
      fs.createReadStream(state.file),
      { parallel: state.bytes >= PARALLEL_FROM_BYTES },
    );
    if (result.added !== state.lines)
      throw new Error(`added ${result.added} of ${state.lines} lines (${result.rejected.length} rejected)`);
    return { rows: result.added, bytes: state.bytes };
  },
});
