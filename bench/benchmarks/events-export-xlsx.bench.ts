import { defineBenchmark } from '../lib/define.ts';
import { type ExportState, exportBaseline, exportSetup } from '../lib/export-benchmark.ts';

/** A ZIP file ends with its end-of-central-directory record: a truncated workbook has none. */
const END_OF_CENTRAL_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

/**
 * XLSX export (#5): `GET /api/v1/events/export/?format=xlsx` of the whole engagement, streamed to a client
 * in this process. The workbook is zipped as it is written; peak RSS at 10,000 against 100,000 events shows
 * whether memory stays flat. No speed target (the issue sets one for CSV only); the baseline is the same
 * rows read by hand from SQL, as for CSV.
 */
export default defineBenchmark<ExportState>({
  name: 'events-export-xlsx',
  description: 'GET /api/v1/events/export/?format=xlsx — every event of the engagement, streamed to a client',
  baselineDescription:
    'the same events with contexts, operator and tags read by hand from SQL (no workbook writing)',
  dataset: 'events',
  sizes: { full: [10_000, 100_000], quick: [1_000] },
  flatMemory: { sizes: [10_000, 100_000], maxGrowth: 1.25 },
  iterations: { full: 2, quick: 1 },
  warmup: 1,
  unit: 'rows/s',
  setup: (env) => exportSetup(env, 'xlsx'),
  baseline: exportBaseline,
  async measure(state) {
    // The last 22+ bytes hold the end record; keep a short tail instead of the file.
    let tail = Buffer.alloc(0);
    const res = await state.session.stream(state.url, (chunk) => {
      tail = Buffer.concat([tail, chunk]).subarray(-64);
    });
    if (res.status !== 200) throw new Error(`${state.url} answered ${res.status}`);
    if (!tail.includes(END_OF_CENTRAL_DIRECTORY))
      throw new Error(`${state.url} sent ${res.bytes} bytes that do not end as a ZIP file`);
    return { rows: state.rows, bytes: res.bytes };
  },
  async teardown(state) {
    await state.session.server.close();
  },
});
