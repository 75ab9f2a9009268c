import { defineBenchmark } from '../lib/define.ts';
import { type ApiSession, expectStatus, installedReportUrls, openApiSession } from '../lib/events-api.ts';
import { handWrittenPage } from '../lib/grid-sql.ts';
import type { BenchmarkDefinition } from '../lib/types.ts';

interface GalleryState {
  session: ApiSession;
  urls: string[];
  code: string;
  hand: () => Promise<number>;
}

/**
 * The Reports gallery: every installed event report's card preview (`preview=1`: the first 200 events,
 * kept until the data changes). `cold` makes a change before each round, so every preview renders;
 * `kept` asks again with nothing changed, as a gallery opened a second time. The `report-<key>` rows
 * (each report whole) are what the cards cost before; at 100,000 events a preview costs what it does
 * at 10,000.
 */
function galleryBenchmark(mode: 'cold' | 'kept'): BenchmarkDefinition<GalleryState> {
  return defineBenchmark<GalleryState>({
    name: { cold: 'reports-gallery-previews', kept: 'reports-gallery-kept' }[mode],
    description: {
      cold: 'every event report’s gallery preview (?preview=1) after a change: each one renders',
      kept: 'every event report’s gallery preview again with nothing changed: each one is kept',
    }[mode],
    baselineDescription: 'the events read by hand in SQL, once per report',
    dataset: 'events',
    sizes: { full: [10_000, 100_000], quick: [10_000] },
    iterations: { full: 5, quick: 2 },
    warmup: 1,
    unit: 'MB/s',
    async setup(env) {
      const session = await openApiSession(env);
      const code = env.dataset!.engagementCode;
      const urls = await installedReportUrls(session, code, '&preview=1');
      return { session, urls, code, hand: handWrittenPage(env, {}, null) };
    },
    async baseline(state) {
      for (const _ of state.urls) await state.hand();
      return undefined;
    },
    async measure(state) {
      if (mode === 'cold') {
        const created = await state.session.post('/api/v1/events/', {
          engagement: state.code,
          timestamp: '2026-01-01T00:00:00Z',
          source: { host: 'BENCH-SRC' },
          target: { host: 'BENCH-DST' },
          description: 'A change, so every preview renders again',
        });
        expectStatus(created, 201, 'POST /api/v1/events/');
      }
      let bytes = 0;
      for (const url of state.urls) {
        const res = await state.session.stream(url);
        if (res.status !== 200) expectStatus(await state.session.get(url), 200, url);
        bytes += res.bytes;
      }
      return { bytes };
    },
    async teardown(state) {
      await state.session.server.close();
    },
  });
}

export default [galleryBenchmark('cold'), galleryBenchmark('kept')];
