import fs from 'node:fs';
import { testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { anonymous, login, startTestServer, type TestServer } from '../testing/index.ts';

const engagement = {
  code: 'FIRST',
  name: 'First engagement',
  start_date: '2026-01-01',
  end_date: '2026-03-31',
};
const user = { username: 'admin', password: 'Tr0ub4dor-and-3', timezone: 'Europe/Berlin' };

describe.each(testDialects())('first-run setup on %s', (dialect) => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer(dialect);
  });
  afterEach(() => server.stop());

  it('creates the engagement and the superuser with the token, once', async () => {
    const token = await server.setupToken();
    expect(token).toBeTruthy();
    const file = server.ctx.config.setupTokenFile;
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(token);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // A restart keeps the token the operator already copied.
    expect(await server.setupToken()).toBe(token);

    const client = anonymous(server.url);
    expect((await client.get('/api/v1/setup/')).body).toEqual({ needed: true });
    const wrong = await client.post('/api/v1/setup/', { token: 'guess', engagement, user });
    expect(wrong.status).toBe(403);
    const weak = await client.post<{ fields: Array<{ field: string; message: string }> }>('/api/v1/setup/', {
      token,
      engagement,
      user: { ...user, password: 'admin12345' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.fields[0]?.field).toBe('user.password');

    const done = await client.post('/api/v1/setup/', { token, engagement, user });
    expect(done.status).toBe(201);
    expect(done.body).toEqual({ ok: true });
    expect(done.headers.getSetCookie()).toEqual([]);
    expect((await client.get('/api/v1/setup/')).body).toEqual({ needed: false });
    expect(fs.existsSync(file)).toBe(false);
    expect((await client.post('/api/v1/setup/', { token, engagement, user })).status).toBe(409);

    const admin = await login(server.url, 'admin', user.password);
    const me = await admin.get<{ user: Record<string, unknown> }>('/api/v1/auth/me/');
    expect(me.body.user).toMatchObject({
      is_superuser: true,
      timezone: 'Europe/Berlin',
      current_engagement: 'FIRST',
      engagements: [{ code: 'FIRST', name: 'First engagement', archived: false }],
    });
    expect(await server.setupToken()).toBeNull();
  });

  it('lets only one of two concurrent first-run attempts through', async () => {
    const token = await server.setupToken();
    const client = anonymous(server.url);
    const results = await Promise.all([
      client.post('/api/v1/setup/', { token, engagement, user }),
      client.post('/api/v1/setup/', {
        token,
        engagement: { ...engagement, code: 'SECOND' },
        user: { ...user, username: 'mallory' },
      }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const users = await server.ctx.database.db.selectFrom('app_user').select('username').execute();
    expect(users).toHaveLength(1);
    const engagements = await server.ctx.database.db.selectFrom('engagement').select('code').execute();
    expect(engagements).toHaveLength(1);
  });

  it.each([
    ['short1', 'at least 10 characters'],
    ['12345678901', 'entirely numeric'],
    ['password123', 'too common'],
    ['admin-admin-1', 'similar to the username'],
  ])('refuses the password %s (%s)', async (password, message) => {
    const token = await server.setupToken();
    const res = await anonymous(server.url).post<{ message: string }>('/api/v1/setup/', {
      token,
      engagement,
      user: { ...user, password },
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain(message);
  });
});
