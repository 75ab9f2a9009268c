import { type BenchServer, startBenchServer } from './app.ts';
import type { BenchEnv } from './types.ts';

/** A logged-in browser-like session against the real server of this run. */
export interface ApiSession {
  server: BenchServer;
  get(path: string): Promise<{ status: number; text: string }>;
  post(path: string, body: unknown): Promise<{ status: number; text: string }>;
  /** POSTs a body as is (a CSV file for the import), with the session's cookie and CSRF token. */
  send(path: string, body: string, contentType: string): Promise<{ status: number; text: string }>;
  /** Reads the body chunk by chunk without keeping it (exports): status and byte count; `onChunk` sees each chunk. */
  stream(path: string, onChunk?: (chunk: Uint8Array) => void): Promise<{ status: number; bytes: number }>;
}

/** Starts the server on the run's database and signs in as the dataset's operator (session cookie + CSRF). */
export async function openApiSession(env: BenchEnv): Promise<ApiSession> {
  if (!env.dataset) throw new Error('this benchmark needs the events dataset');
  const { login } = await import('@steppingstones/server/testing/index');
  const server = await startBenchServer(env);
  const client = await login(server.baseUrl, env.dataset.username, env.dataset.password);
  const headers = { accept: 'application/json', cookie: client.cookie };
  // Raw fetch and text(): the figure is the server's, not a client's JSON parsing.
  const send: ApiSession['send'] = async (path, body, contentType) => {
    const res = await fetch(server.baseUrl + path, {
      method: 'POST',
      headers: {
        ...headers,
        'content-type': contentType,
        origin: server.baseUrl,
        'x-csrf-token': client.csrfToken,
      },
      body,
    });
    return { status: res.status, text: await res.text() };
  };
  return {
    server,
    async get(path) {
      const res = await fetch(server.baseUrl + path, { headers });
      return { status: res.status, text: await res.text() };
    },
    async stream(path, onChunk) {
      const res = await fetch(server.baseUrl + path, { headers });
      let bytes = 0;
      if (res.body)
        for await (const chunk of res.body) {
          bytes += (chunk as Uint8Array).byteLength;
          onChunk?.(chunk as Uint8Array);
        }
      return { status: res.status, bytes };
    },
    post: (path, body) => send(path, JSON.stringify(body), 'application/json'),
    send,
  };
}

/** Throws unless the status is the expected one (a benchmark of error pages would be worthless). */
export function expectStatus(res: { status: number; text: string }, status: number, what: string): void {
  if (res.status !== status) throw new Error(`${what} answered ${res.status}: ${res.text.slice(0, 300)}`);
}

/** The URL of every installed event report for the engagement, with `query` appended (e.g. `&preview=1`). */
export async function installedReportUrls(session: ApiSession, code: string, query = ''): Promise<string[]> {
  const points = await session.get('/api/v1/plugin-points/?type=event-report');
  expectStatus(points, 200, 'GET /api/v1/plugin-points/');
  const installed = (JSON.parse(points.text) as { results: Array<{ plugin: string; key: string }> }).results;
  return installed.map((p) => `/api/v1/reports/${p.plugin}/${p.key}/?engagement=${code}${query}`);
}
