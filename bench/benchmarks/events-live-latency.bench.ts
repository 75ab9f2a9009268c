import { defineBenchmark } from '../lib/define.ts';
import { eventBodies } from '../lib/event-bodies.ts';
import { type ApiSession, expectStatus, openApiSession } from '../lib/events-api.ts';
import { csvOfNewEvents } from '../lib/import-file.ts';
import { listenSse, type SseListener } from '../lib/sse-listener.ts';

const BODIES = 64;

interface LiveState {
  writer: ApiSession;
  viewerStream: SseListener;
  bodies: unknown[];
  background: { check(): void; stop(): Promise<void> };
}

/** Events per CSV file the background client imports, one file after another. */
const IMPORT_ROWS = 100;

/**
 * Live update latency (#5): a teammate creates an event; the time until a second client's open
 * `GET /api/v1/stream/` receives its message. Meanwhile a third client imports CSV files of new events
 * into the same engagement, one after another (`POST /api/v1/events/import/`), as the issue states. The
 * baseline is the create request's own round trip, so the ratio is what the live fan-out adds on top.
 */
export default defineBenchmark<LiveState>({
  name: 'events-live-latency',
  description:
    'POST an event → the SSE message reaches a second client (a third client imports CSV meanwhile)',
  baselineDescription: 'the POST round trip alone',
  target: { text: 'p95 ≤ 1 s', issue: 5, metric: 'p95', value: 1000 },
  dataset: 'events',
  sizes: { full: [100_000], quick: [1_000] },
  iterations: { full: 60, quick: 8 },
  warmup: 5,
  unit: 'rows/s',
  async setup(env) {
    const dataset = env.dataset!;
    const { bodies } = eventBodies(dataset, BODIES);
    const writer = await openApiSession(env);
    // The viewer and the background writer are other operators, each with a session of their own.
    const { login } = await import('@steppingstones/server/testing/index');
    const base = writer.server.baseUrl;
    const viewer = await login(base, 'op.bob', dataset.password);
    const importer = await login(base, 'op.carol', dataset.password);
    const viewerStream = await listenSse(`${base}/api/v1/stream/`, { cookie: viewer.cookie });
    let running = true;
    let imported = 0;
    const loop = (async () => {
      for (let k = 0; running; k++) {
        const csv = csvOfNewEvents(dataset, IMPORT_ROWS, 100 + k);
        const res = await fetch(`${base}/api/v1/events/import/?engagement=${dataset.engagementCode}`, {
          method: 'POST',
          body: csv,
          headers: {
            'content-type': 'text/csv',
            cookie: importer.cookie,
            'x-csrf-token': importer.csrfToken,
            origin: base,
          },
        });
        const text = await res.text();
        if (res.status !== 200) throw new Error(`background import: ${res.status} ${text.slice(0, 200)}`);
        imported += (JSON.parse(text) as { added: number }).added;
      }
      return imported;
    })();
    // A failed import must fail the run, not leave the figures measured without one.
    let failure: unknown;
    loop.catch((error: unknown) => {
      failure = error;
    });
    const background = {
      check() {
        if (failure) throw failure;
      },
      async stop() {
        running = false;
        const added = await loop;
        if (added === 0) throw new Error('the background import added no events');
      },
    };
    return { writer, viewerStream, bodies, background };
  },
  async baseline(state, i) {
    const res = await state.writer.post('/api/v1/events/', state.bodies[(i + BODIES) % BODIES]);
    expectStatus(res, 201, 'POST /api/v1/events/');
    return { rows: 1 };
  },
  async measure(state, i) {
    state.background.check();
    const start = performance.now();
    const res = await state.writer.post('/api/v1/events/', state.bodies[(i + BODIES) % BODIES]);
    expectStatus(res, 201, 'POST /api/v1/events/');
    const { id } = JSON.parse(res.text) as { id: number };
    await state.viewerStream.waitFor(new RegExp(`"event\\.created".*"eventId":${id}\\b`), start);
    return { rows: 1 };
  },
  async teardown(state) {
    await state.background.stop();
    state.viewerStream.close();
    await state.writer.server.close();
  },
});
