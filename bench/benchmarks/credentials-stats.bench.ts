import { credentialStats } from '@steppingstones/core/credential-analytics';
import { systemPrincipal } from '@steppingstones/core/permissions';
import { writeTransaction } from '@steppingstones/db';
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
  engagementId: number;
}

const SECRET_COLUMN = INSERT_COLUMNS.indexOf('secret');
const DERIVED = ['complexity', 'char_mask', 'char_mask_effort', 'structure'] as const;

/** Two accounts in five cracked, with passwords shared across accounts as in a real domain. */
const secretOf = (i: number) =>
  i % 5 < 2 ? `${['Summer', 'Winter', 'Welcome', 'Password'][i % 4]}${i % 997}!` : null;

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
    const engagementId = await benchEngagement(env.database.db, 'STATS');
    for (let start = 0; start < env.size; start += 50_000)
      await writeTransaction(env.database.db, async (tx) => {
        const params: unknown[] = [];
        for (let i = start; i < Math.min(env.size, start + 50_000); i++) {
          const row = ntRow(engagementId, i);
          const secret = secretOf(i);
          row[SECRET_COLUMN] = secret;
          // Stored with the secret, as every write path of the vault does.
          const derived = deriveSecretFields(secret);
          for (const column of DERIVED) row[INSERT_COLUMNS.indexOf(column)] = derived[column];
          params.push(...row);
        }
        await insertCredentialRows(tx, params);
      });
    if (env.database.sqlite) env.database.sqlite.exec('analyze');
    else await sql`analyze credential`.execute(env.database.db);
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
