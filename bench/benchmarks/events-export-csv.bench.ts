import { CsvRecordCounter } from '../lib/csv-records.ts';
import { defineBenchmark } from '../lib/define.ts';
import { type ExportState, exportBaseline, exportSetup } from '../lib/export-benchmark.ts';

/**
 * CSV export (#5): `GET /api/v1/events/export/?format=csv` of the whole engagement, end to end: the real
 * server streams the file, the client in this process reads it chunk by chunk and counts the records it
 * received (a short or truncated file fails the run). Peak RSS at 100,000 against 1,000,000 shows whether
 * memory stays flat. Baseline: the same events with contexts, operator and tags read by hand from SQL.
 */
export default defineBenchmark<ExportState>({
  name: 'events-export-csv',
  description: 'GET /api/v1/events/export/?format=csv — every event of the engagement, streamed to a client',
  baselineDescription:
    'the same events with contexts, operator and tags read by hand from SQL (no CSV writing)',
  target: {
    text: '≥ 50,000 rows/s at 1M events',
    issue: 5,
    metric: 'rate',
    value: 50_000,
    atSize: 1_000_000,
  },
  dataset: 'events',
  sizes: { full: [100_000, 1_000_000], quick: [1_000] },
  flatMemory: { sizes: [100_000, 1_000_000], maxGrowth: 1.25 },
  iterations: { full: 3, quick: 2 },
  warmup: 1,
  unit: 'rows/s',
  setup: (env) => exportSetup(env, 'csv'),
  baseline: exportBaseline,
  async measure(state) {
    const counter = new CsvRecordCounter();
    const res = await state.session.stream(state.url, (chunk) => counter.push(chunk));
    if (res.status !== 200) throw new Error(`${state.url} answered ${res.status}`);
    // The header is a record too.
    const rows = counter.total() - 1;
    if (rows !== state.rows)
      throw new Error(`${state.url} sent ${rows} rows (${res.bytes} bytes), not ${state.rows}`);
    return { rows, bytes: res.bytes };
  },
  async teardown(state) {
    await state.session.server.close();
  },
});
