import { defineBenchmark, SkipRun } from '../lib/define.ts';
import { type ApiSession, expectStatus, installedReportUrls, openApiSession } from '../lib/events-api.ts';
import { handWrittenPage } from '../lib/grid-sql.ts';
import type { BenchmarkDefinition } from '../lib/types.ts';

/**
 * Every shipped event report (#8) rendered over the benchmark engagement through
 * `GET /api/v1/reports/:plugin/:key?engagement=…`, against reading the same events by hand in SQL.
 * A report whose plugin is not installed is skipped, so this list can name them all before they land.
 */
const REPORTS: Array<{ plugin: string; key: string; streams?: boolean }> = [
  { plugin: 'example-reports', key: 'event-summary' },
  { plugin: 'html-reports', key: 'html-event-logs', streams: true },
  { plugin: 'html-reports', key: 'html-detection-summary' },
  { plugin: 'markdown-reports', key: 'markdown-event-logs', streams: true },
  { plugin: 'markdown-reports', key: 'markdown-ioc-report' },
  { plugin: 'markdown-reports', key: 'markdown-detection-advice' },
  { plugin: 'graphical-reports', key: 'mitre-event-timeline' },
  { plugin: 'graphical-reports', key: 'daily-detections-and-preventions' },
  { plugin: 'graphical-reports', key: 'mitre-activity-heat-map' },
  { plugin: 'graphical-reports', key: 'mitre-detection-prevention-heat-map' },
  { plugin: 'external-tool-reports', key: 'mitre-attack-navigator' },
  { plugin: 'external-tool-reports', key: 'office-timeline-export' },
  { plugin: 'external-tool-reports', key: 'ghostwriter-oplog-csv' },
];

/**
 * Reads a report to its end without keeping it (as a browser saving it would), so the child's peak RSS
 * is the server's. A failure is fetched again as text for its message.
 */
async function readReport(session: ApiSession, url: string): Promise<number> {
  const res = await session.stream(url);
  if (res.status !== 200) expectStatus(await session.get(url), 200, url);
  if (res.bytes === 0) throw new Error(`${url} sent nothing`);
  return res.bytes;
}

interface ReportState {
  session: ApiSession;
  url: string;
  hand: () => Promise<number>;
  events: number;
}

function reportBenchmark(r: (typeof REPORTS)[number]): BenchmarkDefinition<ReportState> {
  return defineBenchmark<ReportState>({
    name: `report-${r.key}`,
    description: `GET /api/v1/reports/${r.plugin}/${r.key}/?engagement=BENCH (every event of the engagement)`,
    baselineDescription: 'the same events with their contexts and tags, read by hand in SQL',
    target: { text: 'median ≤ 2 s at 10k events', issue: 8, metric: 'median', value: 2000, atSize: 10_000 },
    dataset: 'events',
    // The event logs also run at 100,000: their peak RSS against the 10,000 run shows whether they stream.
    // Quick mode renders them all in one run (`reports-all` below) instead of a child process each.
    sizes: { full: r.streams ? [10_000, 100_000] : [10_000], quick: [] },
    ...(r.streams ? { flatMemory: { sizes: [10_000, 100_000] as [number, number], maxGrowth: 1.25 } } : {}),
    iterations: { full: 10, quick: 3 },
    warmup: 2,
    unit: 'MB/s',
    async setup(env) {
      const dataset = env.dataset!;
      const session = await openApiSession(env);
      const points = await session.get('/api/v1/plugin-points/?type=event-report');
      expectStatus(points, 200, 'GET /api/v1/plugin-points/');
      const installed = (JSON.parse(points.text) as { results: Array<{ plugin: string; key: string }> })
        .results;
      if (!installed.some((p) => p.plugin === r.plugin && p.key === r.key)) {
        await session.server.close();
        throw new SkipRun(`${r.plugin}/${r.key} is not installed`);
      }
      const url = `/api/v1/reports/${r.plugin}/${r.key}/?engagement=${dataset.engagementCode}`;
      return { session, url, hand: handWrittenPage(env, {}, null), events: dataset.mainCount };
    },
    async baseline(state) {
      await state.hand();
      return undefined;
    },
    async measure(state) {
      return { bytes: await readReport(state.session, state.url) };
    },
    async teardown(state) {
      await state.session.server.close();
    },
  });
}

interface AllState {
  session: ApiSession;
  urls: string[];
  hand: () => Promise<number>;
}

/** Quick mode's smoke run: every installed report once per call, so CI keeps all of them working. */
const allReports = defineBenchmark<AllState>({
  name: 'reports-all',
  description: 'every installed event report, one after the other (quick mode only)',
  baselineDescription: 'the events read by hand in SQL, once per report',
  dataset: 'events',
  sizes: { full: [], quick: [1_000] },
  iterations: { full: 1, quick: 2 },
  warmup: 1,
  unit: 'MB/s',
  async setup(env) {
    const session = await openApiSession(env);
    const code = env.dataset!.engagementCode;
    const urls = await installedReportUrls(session, code);
    return { session, urls, hand: handWrittenPage(env, {}, null) };
  },
  async baseline(state) {
    for (const _ of state.urls) await state.hand();
    return undefined;
  },
  async measure(state) {
    let bytes = 0;
    for (const url of state.urls) bytes += await readReport(state.session, url);
    return { bytes };
  },
  async teardown(state) {
    await state.session.server.close();
  },
});

export default [...REPORTS.map(reportBenchmark), allReports];
