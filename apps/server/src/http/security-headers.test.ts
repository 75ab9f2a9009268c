import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anonymous,
  createTestUser,
  startTestServer,
  TEST_PASSWORD,
  type TestServer,
} from '../testing/index.ts';

describe('security headers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(() => server.stop());

  it('sends a local-only CSP with a fresh style nonce, and the other protective headers', async () => {
    const a = await anonymous(server.url).get('/api/v1/setup/');
    const b = await anonymous(server.url).get('/api/v1/setup/');
    const csp = a.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/style-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    // WebAssembly may compile (in-browser file hashing), JavaScript eval stays blocked.
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toContain("'unsafe-eval'");
    // Every asset is served locally: no remote origin anywhere in the policy.
    expect(csp).not.toMatch(/https?:|\*/);
    const nonce = (h: Headers) => /'nonce-([^']+)'/.exec(h.get('content-security-policy') ?? '')?.[1];
    expect(nonce(a.headers)).not.toBe(nonce(b.headers));
    expect(a.headers.get('x-content-type-options')).toBe('nosniff');
    expect(a.headers.get('referrer-policy')).toBe('same-origin');
    expect(a.headers.get('permissions-policy')).toContain('camera=()');
    expect(a.headers.get('permissions-policy')).toContain('geolocation=()');
    expect(a.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers.get('cache-control')).toBe('no-store');
  });

  it('answers errors without internals', async () => {
    const res = await anonymous(server.url).post<Record<string, unknown>>(
      '/api/v1/auth/login/',
      '{not json',
      {
        'content-type': 'application/json',
      },
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+|node_modules/);
  });
});

describe('behind https (PUBLIC_URL)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { env: { PUBLIC_URL: 'https://hub.example.test' } });
  });
  afterAll(() => server.stop());

  it('marks the session cookie Secure and sends HSTS', async () => {
    await createTestUser(server.ctx, { username: 'sec' });
    const res = await anonymous(server.url).post('/api/v1/auth/login/', {
      username: 'sec',
      password: TEST_PASSWORD,
    });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().find((c) => c.startsWith('ss_session='))).toMatch(/;\s*Secure/i);
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
  });
});
