import net from 'node:net';
import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiClient,
  createTestEngagement,
  createTestUser,
  login,
  startTestServer,
  type TestServer,
} from '../testing/index.ts';

interface ErrorBody {
  error: string;
  message: string;
  fields?: Array<{ field: string; message: string }>;
}

/** Sends raw bytes over a socket (what fetch refuses to send) and returns status line and body. */
async function raw(url: string, request: string | Buffer): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(request));
    let data = '';
    socket.on('data', (chunk) => {
      data += chunk.toString('utf8');
    });
    socket.on('error', reject);
    socket.on('end', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
      resolve({ status, body: data.slice(data.indexOf('\r\n\r\n') + 4) });
    });
  });
}

const get = (path: string, host: string, extra = '') =>
  `GET ${path} HTTP/1.1\r\nHost: ${host}\r\n${extra}Connection: close\r\n\r\n`;

const event = (overrides: Record<string, unknown> = {}) => ({
  engagement: 'ACME',
  timestamp: '2026-03-01T10:00:00Z',
  source: { host: 'WS01' },
  target: { host: 'DC01' },
  description: 'Dumped the SAM database',
  ...overrides,
});

describe.each(testDialects())('hostile input on %s', { timeout: 120_000 }, (dialect) => {
  let server: TestServer;
  let admin: ApiClient;
  let host: string;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    host = new URL(server.url).host;
    await createTestEngagement(server.ctx, 'ACME');
    await createTestUser(server.ctx, { username: 'admin', superuser: true, engagements: ['ACME'] });
    admin = await login(server.url, 'admin');
  });
  afterAll(() => server.stop());

  it('refuses a NUL or other C0 control in a body field, naming it (the login too)', async () => {
    const signIn = await admin.post<ErrorBody>('/api/v1/auth/login/', {
      username: 'ad\u0000min',
      password: 'x',
    });
    expect(signIn.status).toBe(400);
    expect(signIn.body.fields).toEqual([
      { field: 'username', message: expect.stringMatching(/control character/) },
    ]);

    const nested = await admin.post<ErrorBody>('/api/v1/events/', event({ source: { host: 'WS\u000101' } }));
    expect(nested.status).toBe(400);
    expect(nested.body.message).toMatch(/^source\.host: holds a control character/);
    const description = await admin.post<ErrorBody>('/api/v1/events/', event({ description: 'a\u0000b' }));
    expect(description.body.fields?.[0]?.field).toBe('description');
    // Tab, CR and LF are text.
    expect(
      (await admin.post('/api/v1/events/', event({ description: 'line\tone\r\nline two' }))).status,
    ).toBe(201);
  });

  it('refuses a control character in a query parameter, a path parameter or a cookie', async () => {
    const query = await admin.get<ErrorBody>('/api/v1/events/?engagement=ACME&search=%00hash');
    expect(query.status).toBe(400);
    expect(query.body.fields?.[0]?.field).toBe('search');
    const path = await admin.get<ErrorBody>('/api/v1/engagements/AC%00ME/');
    expect(path.status).toBe(400);
    expect(path.body.fields?.[0]?.field).toBe('code');
    const cookie = await admin.get<ErrorBody>('/api/v1/auth/me/', { cookie: 'ss_session=%00x' });
    expect(cookie.status).toBe(400);
    expect(cookie.body.fields?.[0]?.field).toBe('cookie.ss_session');
  });

  it('names a header whose value holds a control character', async () => {
    const res = await raw(server.url, get('/healthz', host, 'X-Client-Note: a\u0001b\r\n'));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).fields[0].field).toBe('header x-client-note');
  });

  it('refuses a JSON body that is not UTF-8, naming the line', async () => {
    const body = Buffer.concat([
      Buffer.from('{\n  "username": "admin",\n  "password": "caf'),
      Buffer.from([0xe9]),
      Buffer.from('"\n}'),
    ]);
    const res = await fetch(`${server.url}/api/v1/auth/login/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(400);
    const error = (await res.json()) as ErrorBody;
    expect(error.message).toMatch(/line 3: the JSON body is not valid UTF-8/);
  });

  it('refuses timestamps outside 1970-01-01 … 9999-12-31, naming the field', async () => {
    const early = await admin.post<ErrorBody>(
      '/api/v1/events/',
      event({ timestamp: '1969-12-31T23:59:59Z' }),
    );
    expect(early.status).toBe(400);
    expect(early.body.fields).toEqual([
      { field: 'timestamp', message: expect.stringMatching(/1970-01-01 and 9999-12-31/) },
    ]);
    const late = await admin.post<ErrorBody>(
      '/api/v1/events/',
      event({ timestamp_end: '9999-12-31T23:00:00-05:00' }),
    );
    expect(late.body.fields?.[0]?.field).toBe('timestamp_end');
    const filter = await admin.get<ErrorBody>('/api/v1/events/?engagement=ACME&from=0000-01-01');
    expect(filter.body.fields?.[0]?.field).toBe('from');
    expect((await admin.post('/api/v1/events/', event({ timestamp: '9999-12-31T23:59:59Z' }))).status).toBe(
      201,
    );
    const engagement = await admin.post<ErrorBody>('/api/v1/engagements/', {
      code: 'OLD',
      name: 'Old',
      start_date: '1900-01-01',
      end_date: '2026-01-01',
    });
    expect(engagement.status).toBe(400);
    expect(engagement.body.fields?.[0]?.field).toBe('start_date');
  });

  it('never echoes more than 200 characters of the input in an error body', async () => {
    const huge = `${'A'.repeat(100)} ${'x'.repeat(300_000)}`;
    const res = await admin.get<ErrorBody>(`/api/v1/events/?engagement=${huge.slice(0, 6000)}`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    const tag = await admin.post<ErrorBody>('/api/v1/events/', event({ engagement: huge }));
    expect(tag.status).toBe(400);
    for (const body of [JSON.stringify(res.body), JSON.stringify(tag.body)])
      expect(body).not.toMatch(/x{201}/);
  });

  it('refuses a Host with an invalid port and an absolute-form URL of a host not allowed', async () => {
    for (const bad of [`${host.split(':')[0]}:99999`, `${host.split(':')[0]}:0`, `${host.split(':')[0]}:`]) {
      const res = await raw(server.url, get('/healthz', bad));
      expect(res.status, bad).toBe(400);
      expect(JSON.parse(res.body).error).toBe('invalid_host');
    }
    const elsewhere = await raw(server.url, get('http://evil.example/healthz', host));
    expect(elsewhere.status).toBe(400);
    expect(JSON.parse(elsewhere.body)).toMatchObject({
      error: 'host_not_allowed',
      message: expect.stringMatching(/evil\.example/),
    });
    expect((await raw(server.url, get(`http://${host}/healthz`, host))).status).toBe(200);
  });

  it('builds list links on the request host once allowed, never on an absolute-form host', async () => {
    for (let i = 0; i < 3; i++) await admin.post('/api/v1/events/', event({ description: `link ${i}` }));
    const res = await raw(
      server.url,
      get(`http://${host}/api/v1/events/?engagement=ACME&page_size=1`, host, `Cookie: ${admin.cookie}\r\n`),
    );
    expect(res.status).toBe(200);
    const next = new URL(JSON.parse(res.body).next);
    expect(next.host).toBe(host);
    expect(next.pathname).toBe('/api/v1/events/');
  });
});

describe.each(testDialects())('links behind PUBLIC_URL on %s', { timeout: 120_000 }, (dialect) => {
  it('use its origin, whatever the Host header says', async () => {
    const server = await startTestServer(dialect, {
      env: { PUBLIC_URL: 'https://ss.example.test', ALLOWED_HOSTS: '*' },
    });
    try {
      await createTestEngagement(server.ctx, 'ACME');
      await createTestUser(server.ctx, { username: 'admin', superuser: true });
      const admin = await login(server.url, 'admin');
      for (let i = 0; i < 2; i++) await admin.post('/api/v1/events/', event({ description: `e${i}` }));
      const res = await raw(
        server.url,
        get('/api/v1/events/?engagement=ACME&page_size=1', 'attacker.example', `Cookie: ${admin.cookie}\r\n`),
      );
      expect(res.status).toBe(200);
      expect(new URL(JSON.parse(res.body).next).origin).toBe('https://ss.example.test');
    } finally {
      await server.stop();
    }
  });
});
