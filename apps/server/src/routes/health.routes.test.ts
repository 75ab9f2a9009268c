import { createTestContext, type TestContext } from '@steppingstones/core/testing';
import { testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import type { AppServer } from '../app-server.ts';

describe.each(testDialects())('GET /healthz on %s', (dialect) => {
  let ctx: TestContext;
  let app: AppServer;
  let url: string;
  beforeEach(async () => {
    ctx = await createTestContext(dialect);
    ({ app } = await buildApp(ctx, { serveWeb: false }));
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterEach(async () => {
    await app.close();
    await ctx.dispose();
  });

  it('answers ok without authentication, before any user exists', async () => {
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('answers 503 when the database is unreachable, without internals', async () => {
    await ctx.database.close();
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body).toEqual({ status: 'unavailable', message: 'The database is not reachable.' });
  });

  it('refuses a Host that is not allowed', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { host: 'attacker.example' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain('"attacker.example" is not in ALLOWED_HOSTS');
  });

  it('answers unknown API paths with a JSON 404 and keeps error details out of responses', async () => {
    const response = await fetch(`${url}/api/v1/does-not-exist/`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: 'not_found',
      message: 'No such endpoint: GET /api/v1/does-not-exist/',
    });
  });

  it('serves the OpenAPI document', async () => {
    const response = await fetch(`${url}/api/docs/json`);
    expect(response.status).toBe(200);
    expect((await response.json()).info.title).toBe('Stepping Stones API');
  });
});
