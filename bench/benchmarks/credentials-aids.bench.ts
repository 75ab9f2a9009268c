import { credentialAid } from '@steppingstones/core/credential-analytics';
import { systemPrincipal } from '@steppingstones/core/permissions';
import { writeTransaction } from '@steppingstones/db';
import { CREDENTIAL_AIDS, credentialAidQuerySchema } from '@steppingstones/shared/credential-stats';
import { sql } from 'kysely';
import { deriveSecretFields } from '../../packages/core/src/credential-analytics/derive.ts';
import {
  INSERT_COLUMNS,
  insertCredentialRows,
} from '../../packages/core/src/credentials/credential-insert.ts';
import { benchEngagement, ntRow } from '../lib/credential-bench.ts';
import { defineBenchmark } from '../lib/define.ts';
import type { BenchEnv } from '../lib/types.ts';

interface State {
  env: BenchEnv;
}

const SECRET_COLUMN = INSERT_COLUMNS.indexOf('secret');
const DERIVED = ['complexity', 'char_mask', 'char_mask_effort', 'structure'] as const;
const secretOf = (i: number) =>
  i % 5 < 2 ? `${['Summer', 'Winter', 'Welcome', 'Password'][i % 4]}${i % 997}!` : null;

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
    const engagementId = await benchEngagement(env.database.db, 'AIDS');
    for (let start = 0; start < env.size; start += 50_000)
      await writeTransaction(env.database.db, async (tx) => {
        const params: unknown[] = [];
        for (let i = start; i < Math.min(env.size, start + 50_000); i++) {
          const row = ntRow(engagementId, i);
          const secret = secretOf(i);
          row[SECRET_COLUMN] = secret;
          const derived = deriveSecretFields(secret);
          for (const column of DERIVED) row[INSERT_COLUMNS.indexOf(column)] = derived[column];
          params.push(...row);
        }
        await insertCredentialRows(tx, params);
      });
    if (env.database.sqlite) env.database.sqlite.exec('analyze');
    else await sql`analyze credential`.execute(env.database.db);
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
        state.env.database.db,
        systemPrincipal('bench'),
        aid,
        query,
        { userId: null, username: 'bench' },
        Date.UTC(2026, 0, 1),
      );
      for await (const _ of download.body) lines++;
    }
    if (lines === 0) throw new Error('the aids wrote nothing');
    return { rows: state.env.size };
  },
});
