import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anonymous,
  bearer,
  createTestEngagement,
  createTestUser,
  login,
  obtainTokens,
  startTestServer,
  type TestServer,
} from '../testing/index.ts';

describe.each(testDialects())('API tokens on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createTestEngagement(server.ctx, 'ACME');
    // The whole audit log (a refresh token's reuse concerns no engagement) is the superuser's.
    await createTestUser(server.ctx, { username: 'admin', superuser: true });
  });
  afterAll(() => server.stop());

  it('refuses each token type in the other one’s place', async () => {
    const { access, refresh } = await obtainTokens(server.url, 'admin');
    expect((await bearer(server.url, access).get('/api/v1/users/')).status).toBe(200);
    const refreshAsAccess = await bearer(server.url, refresh).get('/api/v1/users/');
    expect(refreshAsAccess.status).toBe(401);
    const accessAsRefresh = await anonymous(server.url).post('/api/v1/token/refresh/', { refresh: access });
    expect(accessAsRefresh.status).toBe(401);
    // A token with the signature stripped ("alg: none") is refused.
    const [header, payload] = access.split('.');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url')}.${payload}.`;
    expect(header).toBeTruthy();
    expect((await bearer(server.url, unsigned).get('/api/v1/users/')).status).toBe(401);
  });

  it('rotates refresh tokens and revokes the whole family when a used one comes back', async () => {
    const first = await obtainTokens(server.url, 'admin');
    const second = await anonymous(server.url).post<{ access: string; refresh: string }>(
      '/api/v1/token/refresh/',
      {
        refresh: first.refresh,
      },
    );
    expect(second.status).toBe(200);
    expect(second.body.refresh).not.toBe(first.refresh);
    expect((await bearer(server.url, second.body.access).get('/api/v1/auth/me/')).status).toBe(200);

    const replay = await anonymous(server.url).post('/api/v1/token/refresh/', { refresh: first.refresh });
    expect(replay.status).toBe(401);
    // The thief's replay also burns the legitimate descendant: both parties must sign in again.
    const descendant = await anonymous(server.url).post('/api/v1/token/refresh/', {
      refresh: second.body.refresh,
    });
    expect(descendant.status).toBe(401);
    // Another login's family is untouched.
    const other = await obtainTokens(server.url, 'admin');
    expect(
      (await anonymous(server.url).post('/api/v1/token/refresh/', { refresh: other.refresh })).status,
    ).toBe(200);

    const admin = await login(server.url, 'admin');
    const audit = await admin.get<{ results: Array<{ action: string }> }>(
      '/api/v1/audit/?action=token.refresh_reuse',
    );
    expect(audit.body.results.length).toBe(1);
  });

  it('personal tokens: scoped, shown once, used and revoked', async () => {
    const admin = await login(server.url, 'admin');
    const created = await admin.post<{ id: number; token: string; prefix: string; permissions: string[] }>(
      '/api/v1/tokens/',
      { name: 'read events', permissions: ['event.view', 'engagement.view'] },
    );
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^sst_/);
    expect(created.body.token.startsWith(created.body.prefix)).toBe(true);
    const client = bearer(server.url, created.body.token);
    // Within scope: yes; the owner's other rights (user.admin): no.
    expect((await client.get('/api/v1/engagements/ACME/')).status).toBe(200);
    expect((await client.get('/api/v1/users/')).status).toBe(403);
    const me = await client.get<{ user: { permissions: string[] } }>('/api/v1/auth/me/');
    expect(me.body.user.permissions).toEqual(['engagement.view', 'event.view']);

    const list = await admin.get<{ results: Array<Record<string, unknown>> }>('/api/v1/tokens/');
    const listed = list.body.results.find((t) => t.id === created.body.id);
    expect(listed).toBeTruthy();
    expect(listed).not.toHaveProperty('token');
    expect(listed?.last_used_at).not.toBeNull();

    expect((await admin.del(`/api/v1/tokens/${created.body.id}/`)).status).toBe(204);
    expect((await client.get('/api/v1/engagements/')).status).toBe(401);

    // Both ends of the token's life are in the audit log, by whom; never the secret.
    const audit = await admin.get<{ results: Array<{ action: string; actor: string; target: string }> }>(
      '/api/v1/audit/?limit=500',
    );
    const entries = audit.body.results.filter((r) => r.target === 'read events');
    expect(entries.map((r) => `${r.action} ${r.actor}`).sort()).toEqual([
      'token.created admin',
      'token.revoked admin',
    ]);
    expect(JSON.stringify(audit.body)).not.toContain(created.body.token);
  });

  it('refuses a personal token wider than its owner, or expired', async () => {
    await createTestUser(server.ctx, { username: 'blue', role: 'blue-read-only', engagements: ['ACME'] });
    const blue = await login(server.url, 'blue');
    const wide = await blue.post<{ fields: Array<{ field: string }> }>('/api/v1/tokens/', {
      name: 'too wide',
      permissions: ['credential.view'],
    });
    expect(wide.status).toBe(400);
    expect(wide.body.fields[0]?.field).toBe('permissions');
    const past = await blue.post('/api/v1/tokens/', {
      name: 'expired',
      permissions: ['event.view'],
      expires_at: '2020-01-01T00:00:00Z',
    });
    expect(past.status).toBe(400);
    const soon = await blue.post<{ id: number; token: string }>('/api/v1/tokens/', {
      name: 'short',
      permissions: ['event.view'],
      expires_at: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(soon.status).toBe(201);
    await server.ctx.database.db
      .updateTable('api_token')
      .set({ expires_at: Date.now() - 1 })
      .where('id', '=', soon.body.id)
      .execute();
    expect((await bearer(server.url, soon.body.token).get('/api/v1/auth/me/')).status).toBe(401);
  });
});
