import fs from 'node:fs';
import { importDump, listCredentials } from '@steppingstones/core/credentials';
import { systemPrincipal } from '@steppingstones/core/permissions';
import { credentialListQuerySchema } from '@steppingstones/shared/credentials';
import { sql } from 'kysely';
import { accountOf, benchEngagement, ntOf, writeNtds } from '../lib/credential-bench.ts';
import { defineBenchmark } from '../lib/define.ts';
import { benchServices } from '../lib/services.ts';
import type { BenchEnv } from '../lib/types.ts';

interface State {
  env: BenchEnv;
  rare: string;
  hash: string;
}

/**
 * The vault searched for a rare term (#15): a piece of one account name among N credentials, no
 * other filter, so no ordinary index narrows it. Baseline: the same page searched by an exact hash
 * (an index look-up), the fastest a search can be.
 */
export default defineBenchmark<State>({
  name: 'credentials-search-rare',
  description: 'listCredentials — search for a term in one account name of N (contains), with count',
  baselineDescription: 'listCredentials searched by an exact hash (index look-up)',
  target: {
    text: 'median ≤ 30 ms at 1,000,000 credentials (the vault page target, for a rare contains-search)',
    issue: 15,
    metric: 'median',
    value: 30,
    atSize: 1_000_000,
  },
  dataset: 'none',
  sizes: { full: [100_000, 1_000_000], quick: [10_000] },
  iterations: { full: 10, quick: 2 },
  warmup: 1,
  unit: 'rows/s',
  async setup(env) {
    await benchEngagement(env.database.db, 'RARE');
    const ntds = await writeNtds(env.tmpDir, env.size);
    await importDump(
      benchServices(env.database),
      systemPrincipal('bench'),
      { engagement: 'RARE', type: 'secretsdump' },
      fs.createReadStream(ntds),
      { actor: { userId: null, username: 'bench' }, maxBytes: Number.MAX_SAFE_INTEGER },
    );
    if (env.database.sqlite) env.database.sqlite.exec('analyze');
    else await sql`analyze credential`.execute(env.database.db);
    // One account in the middle: `user4567` style names share prefixes, so take a whole name.
    const i = Math.floor(env.size / 2) + 1;
    return { env, rare: accountOf(i), hash: ntOf(i) };
  },
  async baseline(state) {
    const q = credentialListQuerySchema.parse({ engagement: 'RARE', search: state.hash });
    const page = await listCredentials(benchServices(state.env.database), systemPrincipal('bench'), q);
    if (page.results.length !== 1) throw new Error('the exact hash was not found');
    return { rows: page.results.length };
  },
  async measure(state) {
    const q = credentialListQuerySchema.parse({ engagement: 'RARE', search: state.rare });
    const page = await listCredentials(benchServices(state.env.database), systemPrincipal('bench'), q);
    if (page.results.length === 0) throw new Error('the rare account was not found');
    return { rows: page.results.length };
  },
});
