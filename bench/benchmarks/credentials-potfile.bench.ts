import fs from 'node:fs';
import { importCracked, importDump } from '@steppingstones/core/credentials';
import { systemPrincipal } from '@steppingstones/core/permissions';
import { readLines } from '../../packages/core/src/credentials/import/line-reader.ts';
import { benchEngagement, writeNtds, writePotfile } from '../lib/credential-bench.ts';
import { defineBenchmark } from '../lib/define.ts';
import { benchServices } from '../lib/services.ts';
import type { BenchEnv } from '../lib/types.ts';

interface State {
  env: BenchEnv;
  potfile: string;
  engagementId: number;
}

const uncrack = (s: State) =>
  s.env.database.db
    .updateTable('credential')
    .set({ secret: null })
    .where('engagement_id', '=', s.engagementId)
    .execute();

/**
 * Cracked import (#15): a potfile of N lines cracking every hash of an N-account vault, matched
 * set-based by `importCracked`; each call first marks the vault uncracked again (one UPDATE), so the
 * figure includes that reset. Baseline: the same reset plus reading the potfile line by line.
 */
export default defineBenchmark<State>({
  name: 'credentials-potfile',
  description:
    'importCracked — a potfile of N lines against a vault of N uncracked NTLM hashes (incl. reset)',
  baselineDescription: 'the reset UPDATE plus reading the potfile line by line (no matching)',
  target: {
    text: 'a 1,000,000-line potfile matched in ≤ 5 s',
    issue: 15,
    metric: 'median',
    value: 5_000,
    atSize: 1_000_000,
  },
  dataset: 'none',
  sizes: { full: [100_000, 1_000_000], quick: [10_000] },
  iterations: { full: 3, quick: 1 },
  warmup: 1,
  unit: 'rows/s',
  async setup(env) {
    const engagementId = await benchEngagement(env.database.db, 'POT');
    const ntds = await writeNtds(env.tmpDir, env.size);
    await importDump(
      benchServices(env.database),
      systemPrincipal('bench'),
      { engagement: 'POT', type: 'secretsdump' },
      fs.createReadStream(ntds),
      {
        actor: { userId: null, username: 'bench' },
        maxBytes: Number.MAX_SAFE_INTEGER,
      },
    );
    return { env, potfile: await writePotfile(env.tmpDir, env.size), engagementId };
  },
  async baseline(state) {
    await uncrack(state);
    let rows = 0;
    for await (const _ of readLines(fs.createReadStream(state.potfile, { highWaterMark: 1024 * 1024 })))
      rows++;
    return { rows };
  },
  async measure(state) {
    await uncrack(state);
    const result = await importCracked(
      benchServices(state.env.database),
      systemPrincipal('bench'),
      'POT',
      fs.createReadStream(state.potfile, { highWaterMark: 1024 * 1024 }),
      { actor: { userId: null, username: 'bench' }, maxBytes: Number.MAX_SAFE_INTEGER },
    );
    if (result.accounts !== state.env.size)
      throw new Error(`cracked ${result.accounts} of ${state.env.size}`);
    return { rows: result.accounts };
  },
});
