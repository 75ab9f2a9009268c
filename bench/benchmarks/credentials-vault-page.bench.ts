import fs from 'node:fs';
import { importDump, listCredentials } from '@steppingstones/core/credentials';
import { systemPrincipal } from '@steppingstones/core/permissions';
import { credentialListQuerySchema } from '@steppingstones/shared/credentials';
import { sql } from 'kysely';
import { benchEngagement, writeNtds } from '../lib/credential-bench.ts';
import { defineBenchmark } from '../lib/define.ts';
import { benchServices } from '../lib/services.ts';
import type { BenchEnv } from '../lib/types.ts';

interface State {
  env: BenchEnv;
  engagementId: number;
}

const QUERY = credentialListQuerySchema.parse({
  engagement: 'VAULT',
  system: 'corp',
  hash_type: '1000',
  cracked: 'false',
  search: 'svc',
});

/**
 * The vault's first page (#15), filtered (system, hash type, uncracked) and searched (a term in one
 * account name of ten), through `listCredentials` (with its capped count) at N credentials.
 * Baseline: the unfiltered first page by one hand-written SQL statement.
 */
export default defineBenchmark<State>({
  name: 'credentials-vault-page',
  description:
    'listCredentials — first page filtered (system, NTLM, uncracked) and searched ("svc"), with count',
  baselineDescription: 'the unfiltered first page by one hand-written SELECT',
  target: {
    text: 'median ≤ 30 ms at 1,000,000 credentials',
    issue: 15,
    metric: 'median',
    value: 30,
    atSize: 1_000_000,
  },
  dataset: 'none',
  sizes: { full: [100_000, 1_000_000], quick: [10_000] },
  iterations: { full: 20, quick: 2 },
  warmup: 2,
  unit: 'rows/s',
  async setup(env) {
    const engagementId = await benchEngagement(env.database.db, 'VAULT');
    const ntds = await writeNtds(env.tmpDir, env.size);
    await importDump(
      benchServices(env.database),
      systemPrincipal('bench'),
      { engagement: 'VAULT', type: 'secretsdump' },
      fs.createReadStream(ntds),
      {
        actor: { userId: null, username: 'bench' },
        maxBytes: Number.MAX_SAFE_INTEGER,
      },
    );
    if (env.database.sqlite) env.database.sqlite.exec('analyze');
    else await sql`analyze credential`.execute(env.database.db);
    return { env, engagementId };
  },
  async baseline(state) {
    const rows = await state.env.database.db
      .selectFrom('credential')
      .selectAll()
      .where('engagement_id', '=', state.engagementId)
      .where('position', 'is', null)
      .orderBy('system_key')
      .orderBy('account_key')
      .orderBy('id')
      .limit(100)
      .execute();
    return { rows: rows.length };
  },
  async measure(state) {
    const page = await listCredentials(benchServices(state.env.database), systemPrincipal('bench'), QUERY);
    if (page.results.length === 0) throw new Error('the filtered page is empty');
    return { rows: page.results.length };
  },
});
