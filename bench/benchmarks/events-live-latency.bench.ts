import { defineBenchmark } from '../lib/define.ts';
import { eventBodies } from '../lib/event-bodies.ts';
import { type ApiSession, expectStatus, openApiSession } from '../lib/events-api.ts';
import { listenSse, type SseListener } from '../lib/sse-listener.ts';

const BODIES = 64;

interface LiveState {
  writer: ApiSession;
  viewerStream: SseListener;
  bodies: unknown[];
  background: { stop(): Promise<void> };
}

/**
 * Live update latency (#5): a teammate creates an event; the time until a second client's open
 * `GET /api/v1/stream/` receives its message. Meanwhile a third client keeps writing (an event every
 * 50 ms, standing in for a CSV import until the import endpoint exists). The baseline is the create
 * request's own round trip, so the ratio is what the live fan-out adds on top.
 */
export default defineBenchmark<LiveState>({
  name: 'events-live-latency',
  description: 'POST an event → the SSE message reaches a second client (a third client writes meanwhile)',
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
    let written = 0;
    const loop = (async () => {
      let k = 0;
      while (running) {
        const res = await importer.post('/api/v1/events/', bodies[k++ % BODIES]);
        if (res.status !== 201) throw new Error(`background writer: ${res.status}`);
        written++;
        await new Promise((r) => setTimeout(r, 50));
      }
      return written;
    })();
    const background = {
      async stop() {
        running = false;
        await loop;
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
