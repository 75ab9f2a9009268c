import { insertJob } from '@steppingstones/core/jobs';
import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiClient,
  bearer,
  createTestEngagement,
  createTestUser,
  login,
  startTestServer,
  TEST_PASSWORD,
  type TestServer,
} from '../testing/index.ts';

type Members = { count: number; results: Array<{ username: string; display_name: string; role: string }> };
const NEW_PASSWORD = 'Fresh-Lantern-Harbour-31';

/** An Engagement Lead manages their engagement's members and nothing beyond it. */
describe.each(testDialects())('engagement members and leads on %s', (dialect) => {
  let server: TestServer;
  let root: ApiClient;
  let lead: ApiClient;
  const userId = async (username: string) =>
    Number(
      (
        await server.ctx.database.db
          .selectFrom('app_user')
          .select('id')
          .where('username', '=', username)
          .executeTakeFirstOrThrow()
      ).id,
    );
  beforeAll(async () => {
    server = await startTestServer(dialect);
    for (const code of ['ALPHA', 'BRAVO']) await createTestEngagement(server.ctx, code);
    await createTestUser(server.ctx, { username: 'root', superuser: true });
    await createTestUser(server.ctx, { username: 'lena', role: 'lead', engagements: ['ALPHA'] });
    await createTestUser(server.ctx, { username: 'colead', role: 'lead', engagements: ['ALPHA'] });
    await createTestUser(server.ctx, { username: 'bravo-op', role: 'operator', engagements: ['BRAVO'] });
    await createTestUser(server.ctx, {
      username: 'shared',
      role: 'operator',
      engagements: ['ALPHA', 'BRAVO'],
    });
    root = await login(server.url, 'root');
    lead = await login(server.url, 'lena');
  });
  afterAll(() => server.stop());

  it('adds an existing user, creates one of this engagement only, changes roles and removes', async () => {
    const added = await lead.post('/api/v1/engagements/ALPHA/members/', {
      username: 'BRAVO-OP',
      role: 'blue-read-only',
    });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ username: 'bravo-op', display_name: '', role: 'blue-read-only' });
    const created = await lead.post('/api/v1/engagements/ALPHA/members/', {
      username: 'client-sam',
      role: 'blue-limited-write',
      password: NEW_PASSWORD,
    });
    expect(created.status).toBe(201);
    const sam = await login(server.url, 'client-sam', NEW_PASSWORD);
    const me = await sam.get<{
      user: { engagements: Array<{ code: string; role: string; permissions: string[] }> };
    }>('/api/v1/auth/me/');
    expect(me.body.user.engagements).toMatchObject([{ code: 'ALPHA', role: 'blue-limited-write' }]);
    expect(me.body.user.engagements[0]?.permissions).toContain('event.change_limited');
    expect(me.body.user.engagements[0]?.permissions).not.toContain('credential.view');

    const list = await lead.get<Members>('/api/v1/engagements/ALPHA/members/');
    expect(list.body).toMatchObject({ count: 5, next: null, previous: null });
    expect(list.body.results.map((m) => `${m.username}=${m.role}`)).toEqual([
      'bravo-op=blue-read-only',
      'client-sam=blue-limited-write',
      'colead=lead',
      'lena=lead',
      'shared=operator',
    ]);
    const replaced = await lead.put<Members>('/api/v1/engagements/ALPHA/members/', {
      members: [
        { username: 'lena', role: 'lead' },
        { username: 'colead', role: 'lead' },
        { username: 'shared', role: 'blue-read-only' },
        { username: 'client-sam', role: 'blue-limited-write' },
      ],
    });
    expect(replaced.body.results.map((m) => `${m.username}=${m.role}`)).toEqual([
      'client-sam=blue-limited-write',
      'colead=lead',
      'lena=lead',
      'shared=blue-read-only',
    ]);
    // bravo-op left ALPHA but stays in BRAVO, which the lead never sees.
    const bravoOp = await login(server.url, 'bravo-op');
    const theirs = await bravoOp.get<{ results: Array<{ code: string }> }>('/api/v1/engagements/');
    expect(theirs.body.results.map((e) => e.code)).toEqual(['BRAVO']);
  });

  it('answers an unknown username and one the lead may not add with the same 404', async () => {
    const unknown = await lead.post<{ message: string }>('/api/v1/engagements/ALPHA/members/', {
      username: 'ghost',
      role: 'operator',
    });
    const superuser = await lead.post<{ message: string }>('/api/v1/engagements/ALPHA/members/', {
      username: 'root',
      role: 'operator',
    });
    expect([unknown.status, superuser.status]).toEqual([404, 404]);
    expect(superuser.body.message.replace('root', 'ghost')).toBe(unknown.body.message);
    // Other engagements' members are not the lead's to manage, nor even to see.
    expect((await lead.get('/api/v1/engagements/BRAVO/members/')).status).toBe(404);
    const operator = await login(server.url, 'shared');
    expect((await operator.get('/api/v1/engagements/BRAVO/members/')).status).toBe(403);
  });

  it('lets a lead reset or deactivate only users wholly inside the engagements they lead', async () => {
    await lead.post('/api/v1/engagements/ALPHA/members/', {
      username: 'only-alpha',
      role: 'operator',
      password: NEW_PASSWORD,
    });
    const reset = (name: string) =>
      userId(name).then((id) =>
        lead.post(`/api/v1/users/${id}/reset-password/`, { new_password: 'Reset-By-Lena-2026' }),
      );
    expect((await reset('only-alpha')).status).toBe(204);
    expect((await login(server.url, 'only-alpha', 'Reset-By-Lena-2026')).csrfToken).toBeTruthy();
    // Also in BRAVO (not led by lena), another lead, a superuser sharing nothing, someone of BRAVO only.
    expect((await reset('shared')).status).toBe(403);
    expect((await reset('colead')).status).toBe(403);
    expect((await reset('root')).status).toBe(404);
    expect((await reset('bravo-op')).status).toBe(404);
    const deactivate = async (name: string) =>
      lead.patch(`/api/v1/users/${await userId(name)}/`, { is_active: false });
    expect((await deactivate('shared')).status).toBe(403);
    expect((await deactivate('only-alpha')).status).toBe(200);
    expect((await lead.patch(`/api/v1/users/${await userId('lena')}/`, { is_superuser: true })).status).toBe(
      403,
    );
    // The users list holds only the lead's engagements' members, with only those memberships.
    const users = await lead.get<{
      results: Array<{ username: string; memberships: Array<{ engagement: string }> }>;
    }>('/api/v1/users/');
    expect(users.body.results.map((u) => u.username)).not.toContain('bravo-op');
    expect(users.body.results.map((u) => u.username)).not.toContain('root');
    expect(users.body.results.find((u) => u.username === 'shared')?.memberships).toEqual([
      { engagement: 'ALPHA', role: 'blue-read-only' },
    ]);
    const byRoot = await root.get<{ memberships: unknown[] }>(`/api/v1/users/${await userId('shared')}/`);
    expect(byRoot.body.memberships).toEqual([
      { engagement: 'ALPHA', role: 'blue-read-only' },
      { engagement: 'BRAVO', role: 'operator' },
    ]);
  });

  it('grants per engagement: a lead of one engagement and an operator of another', async () => {
    await root.put('/api/v1/engagements/BRAVO/members/', {
      members: [
        { username: 'lena', role: 'operator' },
        { username: 'bravo-op', role: 'operator' },
        { username: 'shared', role: 'operator' },
      ],
    });
    expect((await lead.patch('/api/v1/engagements/ALPHA/', { description: 'led' })).status).toBe(200);
    expect((await lead.patch('/api/v1/engagements/BRAVO/', { description: 'not led' })).status).toBe(403);
    expect((await lead.get('/api/v1/engagements/BRAVO/members/')).status).toBe(403);
    const webhook = { url: 'https://hooks.example.com/ss', types: ['event created'] };
    const noEngagement = await lead.post('/api/v1/webhooks/', webhook);
    expect(noEngagement.status).toBe(400);
    expect((await lead.post('/api/v1/webhooks/', { ...webhook, engagement: 'BRAVO' })).status).toBe(403);
    expect((await lead.post('/api/v1/webhooks/', { ...webhook, engagement: 'ALPHA' })).status).toBe(201);
    const instance = await root.post<{ id: number }>('/api/v1/webhooks/', webhook);
    const hooks = await lead.get<{ results: Array<{ engagement: string | null }> }>('/api/v1/webhooks/');
    expect(hooks.body.results.map((h) => h.engagement)).toEqual(['ALPHA']);
    expect((await lead.get(`/api/v1/webhooks/${instance.body.id}/`)).status).toBe(404);
    // The event operator must record events in the engagement: not its blue team.
    const event = {
      engagement: 'ALPHA',
      timestamp: '2026-03-01T10:00:00Z',
      source: { host: 'WS01' },
      target: { host: 'DC01' },
      description: 'Kerberoast',
    };
    const blueOperator = await lead.post<{ fields: Array<{ field: string }> }>('/api/v1/events/', {
      ...event,
      operator: 'client-sam',
    });
    expect(blueOperator.status).toBe(400);
    expect(blueOperator.body.fields[0]?.field).toBe('operator');
    expect((await lead.post('/api/v1/events/', { ...event, operator: 'root' })).status).toBe(201);
  });

  it("shows a lead the jobs about the engagements they lead, never the others' payloads", async () => {
    const alphaId = Number(
      (
        await server.ctx.database.db
          .selectFrom('engagement')
          .select('id')
          .where('code', '=', 'ALPHA')
          .executeTakeFirstOrThrow()
      ).id,
    );
    const bravoId = alphaId + 1;
    const job = (engagementId: number | null, secret: string) =>
      insertJob(server.ctx.services(), {
        task: 'core:noop',
        payload: { secret },
        maxAttempts: 1,
        engagementId,
      });
    const mine = await job(alphaId, 'alpha message');
    const theirs = await job(bravoId, 'bravo message');
    const instance = await job(null, 'instance message');
    type Job = { id: number; engagement: string | null; payload: unknown };
    type Jobs = { results: Job[] };
    const listed = await lead.get<Jobs>('/api/v1/jobs/');
    expect(listed.body.results.map((j) => [j.id, j.engagement])).toEqual([[mine, 'ALPHA']]);
    expect(JSON.stringify(listed.body)).not.toMatch(/bravo|instance/i);
    // lena is an operator in BRAVO (no job.admin there); the instance's job is not disclosed at all.
    expect((await lead.post(`/api/v1/jobs/${theirs}/cancel/`)).status).toBe(403);
    expect((await lead.post(`/api/v1/jobs/${instance}/retry/`)).status).toBe(404);
    const cancelled = await lead.post<Job>(`/api/v1/jobs/${mine}/cancel/`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.engagement).toBe('ALPHA');
    const all = await root.get<Jobs>('/api/v1/jobs/');
    // Each job says which engagement it concerns; instance work says none.
    expect(Object.fromEntries(all.body.results.map((j) => [j.id, j.engagement]))).toEqual({
      [mine]: 'ALPHA',
      [theirs]: 'BRAVO',
      [instance]: null,
    });
    expect((await root.post<Job>(`/api/v1/jobs/${instance}/retry/`)).body.engagement).toBeNull();
  });

  it('limits personal tokens to engagements and keeps them off account routes', async () => {
    const minted = await lead.post<{ token: string }>('/api/v1/tokens/', {
      name: 'alpha only',
      permissions: ['event.view', 'engagement.view'],
      engagements: ['ALPHA'],
    });
    expect(minted.status).toBe(201);
    const token = bearer(server.url, minted.body.token);
    expect((await token.get('/api/v1/engagements/ALPHA/')).status).toBe(200);
    expect((await token.get('/api/v1/engagements/BRAVO/')).status).toBe(404);
    expect((await token.get('/api/v1/tokens/')).status).toBe(403);
    expect((await token.post('/api/v1/tokens/', { name: 'more', permissions: ['event.view'] })).status).toBe(
      403,
    );
    const password = await token.post('/api/v1/auth/password/', {
      current_password: TEST_PASSWORD,
      new_password: 'Hijacked-Password-2026',
    });
    expect(password.status).toBe(403);
    const unknown = await lead.post('/api/v1/tokens/', { name: 'x', permissions: [], engagements: ['NOPE'] });
    expect(unknown.status).toBe(400);
  });
});
