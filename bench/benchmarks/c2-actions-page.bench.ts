import { listC2Actions } from '@steppingstones/core/c2';
import { createEngagement } from '@steppingstones/core/engagements';
import { systemPrincipal } from '@steppingstones/core/permissions';
import { writeTransaction } from '@steppingstones/db';
import { sql } from 'kysely';
import { defineBenchmark } from '../lib/define.ts';
import { benchServices } from '../lib/services.ts';

const CODE = 'C2-PAGE';
const QUERY = { engagement: CODE, page_size: 50 };
const SESSIONS = 1000;

/**
 * The C2 page's actions list, first page (50 newest actions with the capped count), of an engagement
 * holding N actions over 1,000 sessions, as the API reads it. Baseline: the same 50 rows by a bare
 * indexed query. The rows are written straight into the tables (the import is measured by c2-import).
 */
export default defineBenchmark({
  name: 'c2-actions-page',
  description: 'GET /api/v1/c2/actions/ first page (core query, exclusions, capped count) at N actions',
  baselineDescription: 'the 50 newest actions of the engagement by a bare indexed select',
  target: {
    text: 'the actions page median ≤ 30 ms at 1,000,000 actions',
    issue: 19,
    metric: 'median',
    value: 30,
    atSize: 1_000_000,
  },
  dataset: 'none',
  dialects: ['sqlite'],
  sizes: { full: [1_000_000], quick: [5_000] },
  iterations: { full: 50, quick: 5 },
  warmup: 3,
  unit: 'rows/s',
  async setup(env) {
    const db = env.database.db;
    const engagement = await createEngagement(benchServices({ db }), {
      code: CODE,
      name: CODE,
      start_date: '2026-01-01',
      end_date: '2027-12-31',
    });
    const start = Date.parse('2026-06-01T00:00:00Z');
    await writeTransaction(db, async (tx) => {
      const server = await tx
        .insertInto('c2_server')
        .values({ engagement_id: engagement.id, name: 'ts1', kind: 'cobalt-strike', created_at: start })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (let i = 1; i <= SESSIONS; i++)
        await tx
          .insertInto('c2_session')
          .values({
            server_id: Number(server.id),
            external_id: String(i),
            kind: 'beacon',
            host: `WS${i}`,
            user: `user${i}`,
            process: 'rundll32.exe',
            pid: 1000 + i,
            os: 'Windows',
            os_version: '10.0',
            os_build: '19045',
            arch: 'x64',
            internal: `10.0.${i >> 8}.${i % 256}`,
            external: '',
            listener: '',
            first_seen: start,
            last_seen: start + env.size * 1000,
          })
          .execute();
    });
    const ids = (await db.selectFrom('c2_session').select('id').orderBy('id').execute()).map((r) =>
      Number(r.id),
    );
    for (let from = 0; from < env.size; from += 50_000)
      await writeTransaction(db, async (tx) => {
        for (let at = from; at < Math.min(env.size, from + 50_000); at += 200) {
          const rows = [];
          for (let i = at; i < Math.min(env.size, at + 200); i++)
            rows.push({
              session_id: ids[i % ids.length] as number,
              start_at: start + i * 1000,
              operator: `neo${i % 3}`,
              input: `shell whoami ${i}`,
              task: `Tasked beacon to run: whoami ${i}`,
              attack_ids: '["T1059.003"]',
              output: `nt authority\\system ${i}`,
              errors: '',
              indicators: '[]',
              natural_key: `k${i}`,
            });
          await tx.insertInto('c2_action').values(rows).execute();
        }
      });
    await sql`analyze`.execute(db);
    return { db, engagementId: engagement.id };
  },
  async baseline({ db, engagementId }) {
    const rows = await db
      .selectFrom('c2_action as a')
      .innerJoin('c2_session as s', 's.id', 'a.session_id')
      .innerJoin('c2_server as sv', 'sv.id', 's.server_id')
      .selectAll('a')
      .where('sv.engagement_id', '=', engagementId)
      .orderBy('a.start_at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(50)
      .execute();
    return { rows: rows.length };
  },
  async measure({ db }) {
    const page = await listC2Actions(db, systemPrincipal(), QUERY as never);
    if (page.results.length !== Math.min(50, Number(QUERY.page_size))) throw new Error('short page');
    return { rows: page.results.length };
  },
});
