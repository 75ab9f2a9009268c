import { credentialStats } from '@steppingstones/core/credential-analytics';
import { systemPrincipal } from '@steppingstones/core/permissions';
import { seedCrackedVault } from '../lib/credential-bench.ts';
import { defineBenchmark } from '../lib/define.ts';
import type { BenchEnv } from '../lib/types.ts';

interface State {
  env: BenchEnv;
  engagementId: number;
}

/**
 * Password statistics over N credentials, about 40% cracked: the whole figure set of the
 * statistics page, aggregated by the database. Baseline: counting the rows and the cracked ones in SQL.
 */
export default defineBenchmark<State>({
  name: 'credentials-stats',
  description: 'credentialStats — every statistic of the page over the vault, ~40% cracked',
  baselineDescription: 'count(*) and count(secret) of the engagement in one SELECT',
  target: {
    text: '≤ 2 s at 1,000,000 credentials (SQLite)',
    issue: 17,
    metric: 'median',
    value: 2000,
    atSize: 1_000_000,
  },
  dataset: 'none',
  sizes: { full: [1_000_000], quick: [10_000] },
  iterations: { full: 5, quick: 2 },
  warmup: 1,
  unit: 'rows/s',
  async setup(env) {
    const engagementId = await seedCrackedVault(env, 'STATS');
    return { env, engagementId };
  },
  async baseline(state) {
    const row = await state.env.database.db
      .selectFrom('credential')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('secret').as('cracked')])
      .where('engagement_id', '=', state.engagementId)
      .executeTakeFirstOrThrow();
    return { rows: Number(row.n) };
  },
  async measure(state) {
    const stats = await credentialStats(state.env.database.db, systemPrincipal('bench'), {
      engagement: 'STATS',
    });
    const accounts = stats.unique_user_accounts + stats.unique_machine_accounts;
    if (accounts !== state.env.size) throw new Error(`expected ${state.env.size} accounts, got ${accounts}`);
    return { rows: accounts };
  },
});
