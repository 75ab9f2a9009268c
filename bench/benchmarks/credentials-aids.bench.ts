import { credentialAid } from '@steppingstones/core/credential-analytics';
import { systemPrincipal } from '@steppingstones/core/permissions';
import { CREDENTIAL_AIDS, credentialAidQuerySchema } from '@steppingstones/shared/credential-stats';
import { seedCrackedVault } from '../lib/credential-bench.ts';
import { defineBenchmark } from '../lib/define.ts';
import { benchServices } from '../lib/services.ts';
import type { BenchEnv } from '../lib/types.ts';

interface State {
  env: BenchEnv;
}

/**
 * Every cracking aid streamed over N credentials (about 40% cracked), each read to its end as a
 * download is: memory must stay flat from 100,000 to 1,000,000 credentials. Baseline: counting the
 * engagement's rows in SQL.
 */
export default defineBenchmark<State>({
  name: 'credentials-aids',
  description: 'every cracking aid streamed to its end over the vault, ~40% cracked',
  baselineDescription: 'count(*) of the engagement in one SELECT',
  target: {
    text: 'each aid streamed with flat memory (peak RSS at 1,000,000 within 1.25x of 100,000)',
    issue: 17,
    metric: 'rate',
    value: 1,
    atSize: 1_000_000,
  },
  dataset: 'none',
  sizes: { full: [100_000, 1_000_000], quick: [10_000] },
  iterations: { full: 1, quick: 1 },
  warmup: 0,
  unit: 'rows/s',
  flatMemory: { sizes: [100_000, 1_000_000], maxGrowth: 1.25 },
  async setup(env) {
    await seedCrackedVault(env, 'AIDS');
    return { env };
  },
  async baseline(state) {
    const row = await state.env.database.db
      .selectFrom('credential')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { rows: Number(row.n) };
  },
  async measure(state) {
    let lines = 0;
    for (const aid of CREDENTIAL_AIDS) {
      const query = credentialAidQuerySchema.parse({
        engagement: 'AIDS',
        ...(aid === 'uncracked-hashes' ? { hash_type: '1000' } : {}),
      });
      const download = await credentialAid(
        benchServices(state.env.database),
        systemPrincipal('bench'),
        aid,
        query,
        { userId: null, username: 'bench' },
      );
      for await (const _ of download.body) lines++;
    }
    if (lines === 0) throw new Error('the aids wrote nothing');
    return { rows: state.env.size };
  },
});
