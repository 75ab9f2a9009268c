import fs from 'node:fs';
import path from 'node:path';
import { createEngagement } from '@steppingstones/core/engagements';
import { importEventStream, listEventStreamLines } from '@steppingstones/core/eventstream';
import { systemPrincipal } from '@steppingstones/core/permissions';
import { sql } from 'kysely';
import { writeEventStreamFile } from '../generators/eventstream-lines.ts';
import { defineBenchmark } from '../lib/define.ts';
import { benchServices } from '../lib/services.ts';

const CODE = 'ES-LINES';
const QUERY = { engagement: CODE, sort: '-timestamp' as const, page_size: 50 };

/**
 * The EventStream page's first page (50 newest lines, with the capped count) of an engagement holding
 * N lines, as the API reads it. Baseline: the same 50 rows by a bare indexed query.
 */
export default defineBenchmark({
  name: 'eventstream-lines-page',
  description: 'GET /api/v1/eventstream/lines/ first page (core query, capped count) at N lines',
  baselineDescription: 'the 50 newest rows of the engagement by a bare indexed select',
  target: {
    text: 'the lines page median ≤ 30 ms at 1,000,000 lines',
    issue: 18,
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
    const file = path.join(env.tmpDir, 'lines.jsonl');
    await writeEventStreamFile(file, env.size);
    const engagement = await createEngagement(benchServices(env.database), {
      code: CODE,
      name: CODE,
      start_date: '2026-01-01',
      end_date: '2026-12-31',
    });
    await importEventStream(
      benchServices(env.database),
      systemPrincipal('cli'),
      CODE,
      fs.createReadStream(file),
      {
        parallel: true,
      },
    );
    fs.rmSync(file);
    return { db: env.database.db, engagementId: engagement.id };
  },
  async baseline(state) {
    const rows =
      await sql`select * from eventstream_line where engagement_id = ${state.engagementId} order by start_at desc, id desc limit 50`.execute(
        state.db,
      );
    return { rows: rows.rows.length };
  },
  async measure(state) {
    const page = await listEventStreamLines(state.db, systemPrincipal(), QUERY);
    return { rows: page.results.length };
  },
});
