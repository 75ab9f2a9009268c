import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { type BenchServer, startBenchServer } from '../lib/app.ts';
import { defineBenchmark } from '../lib/define.ts';

/**
 * A `/healthz` round trip through the real server (Fastify, access check, security headers, a `select 1`)
 * against a bare `node:http` server doing the same query: the fixed cost of our HTTP stack per request.
 */
export default defineBenchmark({
  name: 'healthz',
  description: 'GET /healthz through the real server (fetch → Fastify → select 1)',
  baselineDescription: 'the same request to a bare node:http server running the same select 1',
  dataset: 'none',
  sizes: { full: [0], quick: [0] },
  iterations: { full: 400, quick: 30 },
  warmup: 10,
  unit: 'rows/s',
  async setup(env) {
    const server: BenchServer = await startBenchServer(env);
    const db = server.ctx.database.db;
    const bare = http.createServer((_req, res) => {
      sql`select 1`.execute(db).then(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"status":"ok"}');
      });
    });
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/healthz`;
    return { server, bare, bareUrl, url: `${server.baseUrl}/healthz` };
  },
  async baseline(state) {
    const res = await fetch(state.bareUrl);
    await res.text();
    return { rows: 1 };
  },
  async measure(state) {
    const res = await fetch(state.url);
    if (res.status !== 200) throw new Error(`/healthz answered ${res.status}`);
    await res.text();
    return { rows: 1 };
  },
  async teardown(state) {
    state.bare.close();
    await state.server.close();
  },
});
