import { THROTTLE_LIMITS } from '@steppingstones/core/auth';
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
  TEST_PASSWORD,
  type TestServer,
} from '../testing/index.ts';

const BAD_LOGIN = "Your username and password didn't match. Please try again.";

describe.each(testDialects())('sessions and passwords on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createTestEngagement(server.ctx, 'ACME');
  });
  afterAll(() => server.stop());

  it('signs in with an httpOnly SameSite=Lax cookie and answers who the user is', async () => {
    await createTestUser(server.ctx, {
      username: 'Alice',
      groups: ['Red Team Operators'],
      engagements: ['ACME'],
    });
    const res = await anonymous(server.url).post<{
      user: { username: string; engagements: Array<{ code: string; role: string }> };
      csrfToken: string;
    }>('/api/v1/auth/login/', { username: 'alice', password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user.username).toBe('Alice');
    expect(res.body.user.engagements).toMatchObject([{ code: 'ACME', role: 'operator' }]);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('ss_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
  });

  it('says who is signed in at /auth/session/ with a 200, nobody included, while /auth/me/ answers 401', async () => {
    const nobody = await anonymous(server.url).get<{ user: unknown; csrfToken: unknown }>(
      '/api/v1/auth/session/',
    );
    expect(nobody.status).toBe(200);
    expect(nobody.body).toEqual({ user: null, csrfToken: null });
    expect((await anonymous(server.url).get('/api/v1/auth/me/')).status).toBe(401);
    await createTestUser(server.ctx, { username: 'sessy', role: 'operator', engagements: ['ACME'] });
    const client = await login(server.url, 'sessy');
    const signedIn = await client.get<{ user: { username: string }; csrfToken: string }>(
      '/api/v1/auth/session/',
    );
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user.username).toBe('sessy');
    expect(signedIn.body.csrfToken).toBe(client.csrfToken);
  });

  it('answers an unknown user exactly like a wrong password (no enumeration)', async () => {
    await createTestUser(server.ctx, { username: 'bob' });
    const wrong = await anonymous(server.url).post('/api/v1/auth/login/', {
      username: 'bob',
      password: 'nope-nope-nope',
    });
    const unknown = await anonymous(server.url).post('/api/v1/auth/login/', {
      username: 'nobody',
      password: 'x',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body).toEqual({ error: 'invalid_credentials', message: BAD_LOGIN });
    const tokenWrong = await anonymous(server.url).post('/api/v1/token/', {
      username: 'bob',
      password: 'nope',
    });
    const tokenUnknown = await anonymous(server.url).post('/api/v1/token/', {
      username: 'nobody',
      password: 'x',
    });
    expect(tokenUnknown.status).toBe(401);
    expect(tokenUnknown.body).toEqual(tokenWrong.body);
  });

  it('throttles a username after repeated failures, even with the right password then', {
    timeout: 120_000,
  }, async () => {
    await createTestUser(server.ctx, { username: 'carol' });
    for (let i = 0; i < THROTTLE_LIMITS.login; i++) {
      const res = await anonymous(server.url).post('/api/v1/auth/login/', {
        username: 'carol',
        password: `guess-${i}`,
      });
      expect(res.status).toBe(401);
    }
    const blocked = await anonymous(server.url).post<{ error: string; message: string }>(
      '/api/v1/auth/login/',
      {
        username: 'CAROL',
        password: TEST_PASSWORD,
      },
    );
    expect(blocked.status).toBe(429);
    expect(blocked.body.message).toMatch(/Try again in \d+ minute/);
    expect(
      (await anonymous(server.url).post('/api/v1/token/', { username: 'carol', password: TEST_PASSWORD }))
        .status,
    ).toBe(429);
    // Other accounts from the same address are not locked out by one user's counter.
    await createTestUser(server.ctx, { username: 'dave' });
    await expect(login(server.url, 'dave')).resolves.toBeTruthy();
  });

  it('refuses cookie-authenticated writes without the CSRF token or from another site', async () => {
    await createTestUser(server.ctx, { username: 'erin' });
    const erin = await login(server.url, 'erin');
    const noToken = await erin.patch('/api/v1/auth/me/', { theme: 'dark' }, { 'x-csrf-token': '' });
    expect(noToken.status).toBe(403);
    expect(noToken.body).toMatchObject({ error: 'csrf' });
    const wrongToken = await erin.patch('/api/v1/auth/me/', { theme: 'dark' }, { 'x-csrf-token': 'forged' });
    expect(wrongToken.status).toBe(403);
    const foreign = await erin.patch(
      '/api/v1/auth/me/',
      { theme: 'dark' },
      { origin: 'https://evil.example' },
    );
    expect(foreign.status).toBe(403);
    const crossSite = await erin.patch(
      '/api/v1/auth/me/',
      { theme: 'dark' },
      { 'sec-fetch-site': 'cross-site' },
    );
    expect(crossSite.status).toBe(403);
    const ok = await erin.patch<{ user: { theme: string } }>('/api/v1/auth/me/', { theme: 'dark' });
    expect(ok.status).toBe(200);
    expect(ok.body.user.theme).toBe('dark');
    // Bearer clients carry no ambient credentials, so they need no CSRF token.
    const { access } = await obtainTokens(server.url, 'erin');
    expect((await bearer(server.url, access).patch('/api/v1/auth/me/', { theme: 'light' })).status).toBe(200);
  });

  it('stores preferences: timezone (validated), theme and current engagement (only one of the user’s)', async () => {
    await createTestEngagement(server.ctx, 'OTHER');
    await createTestUser(server.ctx, { username: 'frank', engagements: ['ACME'] });
    const frank = await login(server.url, 'frank');
    const me = await frank.get<{ user: { timezone: string | null } }>('/api/v1/auth/me/');
    expect(me.body.user.timezone).toBeNull();
    const set = await frank.patch<{ user: { timezone: string; current_engagement: string } }>(
      '/api/v1/auth/me/',
      {
        timezone: 'Europe/London',
        current_engagement: 'ACME',
      },
    );
    expect(set.body.user).toMatchObject({ timezone: 'Europe/London', current_engagement: 'ACME' });
    expect((await frank.patch('/api/v1/auth/me/', { timezone: 'Mars/Olympus' })).status).toBe(400);
    expect((await frank.patch('/api/v1/auth/me/', { current_engagement: 'OTHER' })).status).toBe(400);
  });

  it('logs out: the session ends on the server, not just in the browser', async () => {
    await createTestUser(server.ctx, { username: 'grace' });
    const grace = await login(server.url, 'grace');
    const cookie = grace.cookie;
    expect((await grace.post('/api/v1/auth/logout/')).status).toBe(204);
    const replay = await anonymous(server.url).get('/api/v1/auth/me/', { cookie });
    expect(replay.status).toBe(401);
  });

  it('a password change ends every other session and token but keeps the current browser signed in', async () => {
    await createTestUser(server.ctx, { username: 'heidi', role: 'operator', engagements: ['ACME'] });
    const here = await login(server.url, 'heidi');
    const elsewhere = await login(server.url, 'heidi');
    const pair = await obtainTokens(server.url, 'heidi');
    const personal = await here.post<{ token: string }>('/api/v1/tokens/', {
      name: 'ci',
      permissions: ['event.view'],
    });
    expect((await bearer(server.url, personal.body.token).get('/api/v1/auth/me/')).status).toBe(200);

    const weak = await here.post('/api/v1/auth/password/', {
      current_password: TEST_PASSWORD,
      new_password: 'short',
    });
    expect(weak.status).toBe(400);
    const wrongCurrent = await here.post('/api/v1/auth/password/', {
      current_password: 'not-my-password',
      new_password: 'A-Much-Better-Passphrase-1',
    });
    expect(wrongCurrent.status).toBe(400);
    const changed = await here.post('/api/v1/auth/password/', {
      current_password: TEST_PASSWORD,
      new_password: 'A-Much-Better-Passphrase-1',
    });
    expect(changed.status).toBe(204);

    expect((await here.get('/api/v1/auth/me/')).status).toBe(200);
    // The open page keeps working: its CSRF token is carried into the re-issued session.
    expect((await here.patch('/api/v1/auth/me/', { theme: 'light' })).status).toBe(200);
    expect((await elsewhere.get('/api/v1/auth/me/')).status).toBe(401);
    expect((await bearer(server.url, pair.access).get('/api/v1/auth/me/')).status).toBe(401);
    expect(
      (await anonymous(server.url).post('/api/v1/token/refresh/', { refresh: pair.refresh })).status,
    ).toBe(401);
    expect((await bearer(server.url, personal.body.token).get('/api/v1/auth/me/')).status).toBe(401);
    await expect(login(server.url, 'heidi')).rejects.toThrow(/401/);
    await expect(login(server.url, 'heidi', 'A-Much-Better-Passphrase-1')).resolves.toBeTruthy();
  });

  it('ends sessions on admin reset, deactivation and role changes; permissions apply on the next request', async () => {
    const admin = await createTestUser(server.ctx, { username: 'root', superuser: true });
    const rootClient = await login(server.url, admin.username);
    const ivan = await createTestUser(server.ctx, {
      username: 'ivan',
      role: 'operator',
      engagements: ['ACME'],
    });
    let session = await login(server.url, 'ivan');
    const reset = await rootClient.post(`/api/v1/users/${ivan.id}/reset-password/`, {
      new_password: 'Reset-By-Admin-2026',
    });
    expect(reset.status).toBe(204);
    expect((await session.get('/api/v1/auth/me/')).status).toBe(401);

    session = await login(server.url, 'ivan', 'Reset-By-Admin-2026');
    await rootClient.patch(`/api/v1/users/${ivan.id}/`, {
      memberships: [{ engagement: 'ACME', role: 'blue-read-only' }],
    });
    expect((await session.get('/api/v1/auth/me/')).status).toBe(401);
    session = await login(server.url, 'ivan', 'Reset-By-Admin-2026');
    const me = await session.get<{ user: { permissions: string[] } }>('/api/v1/auth/me/');
    expect(me.body.user.permissions).not.toContain('credential.view');

    await rootClient.patch(`/api/v1/users/${ivan.id}/`, { is_active: false });
    expect((await session.get('/api/v1/auth/me/')).status).toBe(401);
    await expect(login(server.url, 'ivan', 'Reset-By-Admin-2026')).rejects.toThrow(/401/);

    // The role change (what ivan may do) and the deactivation are in the audit log, before and after.
    type Memberships = Array<{ engagement: string; role: string }>;
    const audit = await rootClient.get<{
      results: Array<{
        action: string;
        target: string;
        details: Record<string, { memberships: Memberships; is_active: boolean }>;
      }>;
    }>('/api/v1/audit/?action=user.updated&limit=500');
    const changes = audit.body.results.filter((r) => r.target === 'ivan').reverse();
    const roles = (m?: Memberships) => m?.map((x) => `${x.engagement}=${x.role}`);
    expect(
      changes.map((r) => [roles(r.details.before?.memberships), roles(r.details.after?.memberships)]),
    ).toEqual([
      [['ACME=operator'], ['ACME=blue-read-only']],
      [['ACME=blue-read-only'], ['ACME=blue-read-only']],
    ]);
    expect(changes[1]?.details.after?.is_active).toBe(false);
  });

  it('expires idle sessions and sessions past their absolute lifetime', async () => {
    const user = await createTestUser(server.ctx, { username: 'judy' });
    const db = server.ctx.database.db;
    const idle = await login(server.url, 'judy');
    await db
      .updateTable('user_session')
      .set({ last_seen_at: Date.now() - server.ctx.config.sessionIdleMs - 1000 })
      .where('user_id', '=', user.id)
      .execute();
    expect((await idle.get('/api/v1/auth/me/')).status).toBe(401);

    const old = await login(server.url, 'judy');
    await db
      .updateTable('user_session')
      .set({ expires_at: Date.now() - 1000 })
      .where('user_id', '=', user.id)
      .execute();
    expect((await old.get('/api/v1/auth/me/')).status).toBe(401);
  });

  it('records logins and failures in the audit log', async () => {
    // Logins concern no engagement: the whole audit log is the superuser's.
    await createTestUser(server.ctx, { username: 'auditor', superuser: true });
    const auditor = await login(server.url, 'auditor');
    const page = await auditor.get<{ results: Array<{ action: string; target: string }> }>(
      '/api/v1/audit/?limit=500',
    );
    expect(page.status).toBe(200);
    const actions = page.body.results.map((r) => `${r.action} ${r.target}`);
    expect(actions).toContain('login.failed nobody');
    expect(actions).toContain('login.failed bob');
    expect(actions).toContain('login auditor');
    expect(actions).toContain('user.password_changed heidi');
    expect(actions).toContain('user.password_reset ivan');
  });
});
