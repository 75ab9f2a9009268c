import { defineBenchmark } from '../lib/define.ts';
import { type ApiSession, openApiSession } from '../lib/events-api.ts';
import { handWrittenPage } from '../lib/grid-sql.ts';

interface ExportState {
  session: ApiSession;
  url: string;
  hand: () => Promise<number>;
  rows: number;
}

/**
 * CSV export (#5): `GET /api/v1/events/export/?format=csv` of the whole engagement, read as a stream
 * (rows counted by newlines outside quotes would need parsing, so rows = the engagement's events). The
 * peak RSS at 100,000 against 1,000,000 shows whether memory stays flat. Baseline: the same events with
 * contexts and tags streamed by hand from SQL.
 */
export default defineBenchmark<ExportState>({
  name: 'events-export-csv',
  description: 'GET /api/v1/events/export/?format=csv — every event of the engagement, streamed',
  baselineDescription: 'the same events with contexts and tags streamed by hand from SQL (no CSV writing)',
  target: {
    text: '≥ 50,000 rows/s at 1M events',
    issue: 5,
    metric: 'rate',
    value: 50_000,
    atSize: 1_000_000,
  },
  dataset: 'events',
  sizes: { full: [100_000, 1_000_000], quick: [1_000] },
  iterations: { full: 3, quick: 2 },
  warmup: 1,
  unit: 'rows/s',
  async setup(env) {
    const dataset = env.dataset!;
    const session = await openApiSession(env);
    const url = `/api/v1/events/export/?format=csv&engagement=${dataset.engagementCode}`;
    return { session, url, hand: handWrittenPage(env, {}, null), rows: dataset.mainCount };
  },
  async baseline(state) {
    return { rows: await state.hand() };
  },
  async measure(state) {
    const res = await state.session.stream(state.url);
    if (res.status !== 200) throw new Error(`${state.url} answered ${res.status}`);
    if (res.bytes === 0) throw new Error(`${state.url} sent nothing`);
    return { rows: state.rows, bytes: res.bytes };
  },
  async teardown(state) {
    await state.session.server.close();
  },
});
