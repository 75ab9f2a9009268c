import { createEngagement } from '@steppingstones/core/engagements';
import { defineBenchmark } from '../lib/define.ts';
import { type ApiSession, openApiSession } from '../lib/events-api.ts';
import { bareInsert, exportedFile } from '../lib/import-file.ts';
import { benchServices } from '../lib/services.ts';

interface ImportState {
  session: ApiSession;
  csv: string;
  rows: number;
  bare: (engagementId: number) => Promise<number>;
  /** A fresh engagement per import (so nothing is skipped as a duplicate) and one for the baseline. */
  targets: string[];
  baselineEngagementId: number;
}

const ROWS = { full: 2_000, quick: 200 };
const ITERATIONS = { full: 3, quick: 2 };
const WARMUP = 1;

/**
 * CSV import (#5): `POST /api/v1/events/import/?engagement=…` of a real exported file (the oldest
 * events of the dataset, exported through the API) into an empty engagement, through the real server:
 * streaming parse, validation, duplicate check, contexts, tags, search documents, history and outbox,
 * in batches of one transaction each. The database already holds the dataset, so indexes have their
 * real size. Baseline: the same event rows and their full-text rows inserted by prepared statements in
 * one transaction.
 */
export default defineBenchmark<ImportState>({
  name: 'events-import-csv',
  description: 'POST /api/v1/events/import/ — an exported CSV file into an empty engagement',
  baselineDescription:
    'the same event rows and full-text rows by prepared-statement inserts, one transaction',
  dataset: 'events',
  sizes: { full: [100_000], quick: [1_000] },
  iterations: ITERATIONS,
  warmup: WARMUP,
  unit: 'rows/s',
  async setup(env) {
    const db = env.database.db;
    // Empty engagements with the dataset's team as members (the file names its operators), made
    // before signing in.
    const engagement = async (code: string) => {
      const created = await createEngagement(benchServices({ db }), {
        code,
        name: `Import ${code}`,
        start_date: '2026-01-01',
        end_date: '2026-12-31',
      });
      await db
        .insertInto('engagement_member')
        .values(
          env.dataset!.operatorUserIds.map((id) => ({
            engagement_id: created.id,
            user_id: id,
            role: 'operator',
            created_at: Date.now(),
          })),
        )
        .execute();
      return created.id;
    };
    const calls = (env.quick ? ITERATIONS.quick : ITERATIONS.full) + WARMUP;
    const targets: string[] = [];
    for (let i = 0; i < calls; i++) {
      await engagement(`IMPORT${i}`);
      targets.push(`IMPORT${i}`);
    }
    const baselineEngagementId = await engagement('IMPORTBASE');
    const session = await openApiSession(env);
    const { csv, ids } = await exportedFile(env, session, env.quick ? ROWS.quick : ROWS.full);
    return {
      session,
      csv,
      rows: ids.length,
      bare: await bareInsert(env, ids),
      targets,
      baselineEngagementId,
    };
  },
  async baseline(state) {
    return { rows: await state.bare(state.baselineEngagementId) };
  },
  async measure(state) {
    const code = state.targets.shift();
    if (!code) throw new Error('more imports than prepared target engagements');
    const res = await state.session.send(`/api/v1/events/import/?engagement=${code}`, state.csv, 'text/csv');
    if (res.status !== 200) throw new Error(`import answered ${res.status}: ${res.text.slice(0, 300)}`);
    const report = JSON.parse(res.text) as { added: number; skipped: unknown[]; rejected: unknown[] };
    if (report.added !== state.rows)
      throw new Error(
        `import added ${report.added} of ${state.rows} rows (skipped ${report.skipped.length}, rejected ${report.rejected.length}): ${res.text.slice(0, 300)}`,
      );
    return { rows: report.added, bytes: Buffer.byteLength(state.csv) };
  },
  async teardown(state) {
    await state.session.server.close();
  },
});
