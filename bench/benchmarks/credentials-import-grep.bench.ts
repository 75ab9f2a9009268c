import fs from 'node:fs';
import path from 'node:path';
import { importDump } from '@steppingstones/core/credentials';
import { systemPrincipal } from '@steppingstones/core/permissions';
import { mixedToolOutput } from '../generators/tool-output.ts';
import { benchEngagement } from '../lib/credential-bench.ts';
import { defineBenchmark } from '../lib/define.ts';
import { benchServices } from '../lib/services.ts';
import type { BenchEnv } from '../lib/types.ts';

interface State {
  env: BenchEnv;
  file: string;
  bytes: number;
  n: number;
}

const PIECE = 4 * 1024 * 1024;

/** Writes `mb` MB of mixed tool output to a file, a piece at a time (never the whole text in memory). */
function writeToolOutput(dir: string, mb: number): string {
  const file = path.join(dir, `tool-output-${mb}mb.txt`);
  const fd = fs.openSync(file, 'w');
  try {
    for (let done = 0, seed = 1; done < mb * 1024 * 1024; done += PIECE, seed++)
      fs.writeSync(fd, mixedToolOutput(Math.min(PIECE, mb * 1024 * 1024 - done), seed));
  } finally {
    fs.closeSync(fd);
  }
  return file;
}

/**
 * The `grep` dump type: a file of mixed tool output streamed through `importDump`, which cuts it into
 * pieces at blank lines, runs every extractor over each and stores what they find, in one
 * transaction. Memory must stay flat from 10 MB to 100 MB. Baseline: reading the same file.
 */
export default defineBenchmark<State>({
  name: 'credentials-import-grep',
  description: 'importDump(grep) — N MB of mixed tool output through the extractors into the vault',
  baselineDescription: 'reading the same file as a stream',
  target: {
    text: 'a 100 MB grep import with flat memory (peak RSS at 100 MB within 1.25x of 10 MB)',
    issue: 16,
    metric: 'rate',
    value: 1,
    atSize: 100,
  },
  dataset: 'none',
  sizes: { full: [10, 100], quick: [2] },
  iterations: { full: 1, quick: 1 },
  warmup: 0,
  unit: 'MB/s',
  flatMemory: { sizes: [10, 100], maxGrowth: 1.25 },
  async setup(env) {
    const file = writeToolOutput(env.tmpDir, env.size);
    return { env, file, bytes: fs.statSync(file).size, n: 0 };
  },
  async baseline(state) {
    let bytes = 0;
    for await (const chunk of fs.createReadStream(state.file, { highWaterMark: 1024 * 1024 }))
      bytes += (chunk as Buffer).length;
    return { bytes };
  },
  async measure(state) {
    const code = `GREP${state.n++}`;
    await benchEngagement(state.env.database.db, code);
    const result = await importDump(
      benchServices(state.env.database),
      systemPrincipal('bench'),
      { engagement: code, type: 'grep', system: 'WS01', filename: 'tool-output.txt' },
      fs.createReadStream(state.file, { highWaterMark: 1024 * 1024 }),
      { actor: { userId: null, username: 'bench' }, maxBytes: Number.MAX_SAFE_INTEGER },
    );
    if (result.new_hashes + result.new_secrets === 0)
      throw new Error('the tool output holds credentials; none were stored');
    return { bytes: state.bytes };
  },
});
