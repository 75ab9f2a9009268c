import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, startTestServer, type TestServer } from '../testing/index.ts';

describe.each(testDialects())('checking the setup token on step 1 on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server?.stop());

  it('says whether the token is right without using it up, and no token is right after setup', async () => {
    const token = (await server.setupToken())!;
    const client = anonymous(server.url);
    const check = (t: string) =>
      client.post<{ valid: boolean; needed: boolean }>('/api/v1/setup/token-check/', { token: t });

    const wrong = await check('guess');
    // A wrong token is an answer, not an error: the browser logs no failed request.
    expect(wrong.status).toBe(200);
    expect(wrong.body).toEqual({ valid: false, needed: true });
    expect((await check(` ${token} `)).body).toEqual({ valid: true, needed: true });
    // Checked twice and still usable.
    expect((await check(token)).body.valid).toBe(true);
    const done = await client.post('/api/v1/setup/', {
      token,
      engagement: { code: 'FIRST', name: 'First', start_date: '2026-01-01', end_date: '2026-03-31' },
      user: { username: 'admin', password: 'Tr0ub4dor-and-3', timezone: 'Europe/Berlin' },
    });
    expect(done.status).toBe(201);
    expect((await check(token)).body).toEqual({ valid: false, needed: false });
  });
});
