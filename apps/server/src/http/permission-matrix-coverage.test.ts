import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/index.ts';
import { ROUTE_SAMPLES } from '../testing/route-samples.ts';

const ROUTES_DIR = path.resolve(import.meta.dirname, '../routes');

/**
 * The routes the permission matrix does not call: anyone may. A route joins this list only on purpose;
 * every other route of the app is enumerated by the matrix (permission-matrix.test.ts), so none escapes it.
 */
const PUBLIC_ROUTES = [
  'GET /healthz',
  'GET /api/v1/setup',
  'POST /api/v1/setup',
  // The wizard's step 1: says whether a setup token is right without using it up (setup.test.ts).
  'POST /api/v1/setup/token-check',
  'POST /api/v1/auth/login',
  'GET /api/v1/auth/session',
  'POST /api/v1/token',
  'POST /api/v1/token/refresh',
  // The Navigator's CORS preflight; the layer itself is a signed-URL route (in the matrix).
  'OPTIONS /api/v1/reports/:plugin/:key/navigator-layer',
  // Authenticates its own `api-key` header (an engagement-limited personal token): hashmob.routes.test.ts.
  'POST /api/hashmob/v2/submit',
  'GET /eventstream.schema.json',
  'GET /eventstream-example.jsonl',
].sort();

/** What keeps the matrix whole: every route module served, every route declared, no route public by accident. */
describe('permission matrix coverage', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(() => server?.stop());

  it('serves every route module of apps/server/src/routes (so the matrix sees its routes)', () => {
    const index = fs.readFileSync(path.join(ROUTES_DIR, 'index.ts'), 'utf8');
    const modules = fs.readdirSync(ROUTES_DIR).filter((f) => f.endsWith('.routes.ts'));
    expect(modules.length).toBeGreaterThan(20);
    const unregistered = modules.filter((f) => !index.includes(`from './${f}'`));
    expect(unregistered).toEqual([]);
  });

  it('leaves out of the matrix only the routes meant to be public', () => {
    const isDocs = (url: string) => url === '/api/docs' || url.startsWith('/api/docs/');
    const publicRoutes = server.routes
      .filter((r) => r.access === 'public' && !isDocs(r.url))
      .map((r) => `${r.method} ${r.url}`);
    expect([...new Set(publicRoutes)].sort()).toEqual(PUBLIC_ROUTES);
  });

  it('has no sample for a route that no longer exists', () => {
    const declared = new Set(server.routes.map((r) => `${r.method} ${r.url}`));
    expect(Object.keys(ROUTE_SAMPLES).filter((key) => !declared.has(key))).toEqual([]);
  });
});
