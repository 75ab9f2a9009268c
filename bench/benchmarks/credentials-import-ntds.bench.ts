import fs from 'node:fs';
import { importDump } from '@steppingstones/core/credentials';
import { systemPrincipal } from '@steppingstones/core/permissions';
import { bareInsert, benchEngagement, writeNtds } from '../lib/credential-bench.ts';
import { defineBenchmark } from '../lib/define.ts';
import { benchServices } from '../lib/services.ts';
import type { BenchEnv } from '../lib/types.ts';

interface State {
  env: BenchEnv;
  file: string;
  size: number;
  n: number;
}

/**
 * Dump import (#15): a secretsdump NTDS file of N accounts streamed through `importDump` (line
 * parsing, identity keys, de-duplication, multi-row inserts, committed in batches of 20,000) into a fresh engagement.
 * Baseline: the same rows inserted by a bare prepared statement into the same table.
 */
export default defineBenchmark<State>({
  name: 'credentials-import-ntds',
  description: 'importDump(secretsdump) — an NTDS dump of N accounts into an empty engagement',
  baselineDescription: 'the same rows by a bare prepared-statement insert, one transaction',
  target: {
    text: 'within 1.5x a bare prepared insert at 1,000,000 lines on SQLite',
    issue: 15,
    metric: 'rate',
    value: 230_000 / 1.5,
    atSize: 1_000_000,
  },
  dataset: 'none',
  sizes: { full: [100_000, 1_000_000], quick: [10_000] },
  iterations: { full: 3, quick: 1 },
  warmup: 1,
  unit: 'rows/s',
  flatMemory: { sizes: [100_000, 1_000_000], maxGrowth: 1.25 },
  async setup(env) {
    return { env, file: await writeNtds(env.tmpDir, env.size), size: fs.statSync(env.tmpDir).size, n: 0 };
  },
  async baseline(state) {
    const id = await benchEngagement(state.env.database.db, `BASE${state.n++}`);
    return { rows: await bareInsert(state.env.database, id, state.env.size) };
  },
  async measure(state) {
    const code = `NTDS${state.n++}`;
    await benchEngagement(state.env.database.db, code);
    const result = await importDump(
      benchServices(state.env.database),
      systemPrincipal('bench'),
      { engagement: code, type: 'secretsdump', filename: 'ntds.txt' },
      fs.createReadStream(state.file, { highWaterMark: 1024 * 1024 }),
      { actor: { userId: null, username: 'bench' }, maxBytes: Number.MAX_SAFE_INTEGER },
    );
    if (result.new_hashes !== state.env.size)
      throw new Error(`imported ${result.new_hashes} of ${state.env.size}`);
    return { rows: result.new_hashes };
  },
});
