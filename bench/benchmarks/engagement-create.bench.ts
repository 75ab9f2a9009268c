import { createEngagement } from '@steppingstones/core/engagements';
import { sql } from 'kysely';
import { defineBenchmark } from '../lib/define.ts';
import { benchServices } from '../lib/services.ts';

/**
 * Creating an engagement through the core service (validation, uniqueness check, transaction, outbox
 * row) against a bare prepared INSERT of the same row: the price of the service layer on a write.
 */
export default defineBenchmark({
  name: 'engagement-create',
  description: 'createEngagement() through the core service (validation, transaction, outbox)',
  baselineDescription: 'a prepared INSERT of the same row, autocommit',
  dataset: 'none',
  sizes: { full: [0], quick: [0] },
  iterations: { full: 400, quick: 30 },
  unit: 'rows/s',
  async setup(env) {
    const { database } = env;
    const row = (code: string) => ({
      code,
      name: `Engagement ${code}`,
      description: 'Internal infrastructure test, phase 2',
      start_date: '2026-03-02',
      end_date: '2026-05-31',
    });
    let insertBare: (code: string) => Promise<void>;
    if (database.sqlite) {
      const stmt = database.sqlite.prepare(
        `insert into engagement (code, name, description, start_date, end_date, archived, created_at, updated_at)
         values (@code, @name, @description, @start_date, @end_date, 0, @now, @now)`,
      );
      insertBare = async (code) => {
        stmt.run({ ...row(code), now: Date.now() });
      };
    } else {
      insertBare = async (code) => {
        const r = row(code);
        await database.pool!.query({
          name: 'bench-engagement-insert',
          text: `insert into engagement (code, name, description, start_date, end_date, archived, created_at, updated_at)
                 values ($1, $2, $3, $4, $5, 0, $6, $6)`,
          values: [r.code, r.name, r.description, r.start_date, r.end_date, Date.now()],
        });
      };
    }
    await sql`select 1`.execute(database.db);
    return { database, row, insertBare };
  },
  async baseline(state, i) {
    await state.insertBare(`BASE-${i < 0 ? `W${-i}` : i}`);
    return { rows: 1 };
  },
  async measure(state, i) {
    await createEngagement(benchServices(state.database), state.row(`SVC-${i < 0 ? `W${-i}` : i}`));
    return { rows: 1 };
  },
});
