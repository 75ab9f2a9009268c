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

const event = (operator: string) => ({
  engagement: 'ALPHA',
  timestamp: '2026-03-01T10:00:00Z',
  source: { host: 'WS01' },
  target: { host: 'DC01' },
  description: 'Kerberoast',
  operator,
});

/** What a lead may do with their engagement and no other; who may be an event's operator. */
describe.each(testDialects())('engagement lead powers on %s', (dialect) => {
  let server: TestServer;
  let lead: ApiClient;
  let operator: ApiClient;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    for (const code of ['ALPHA', 'BRAVO']) await createTestEngagement(server.ctx, code);
    // root is a superuser and a member of no engagement.
    await createTestUser(server.ctx, { username: 'root', superuser: true });
    await createTestUser(server.ctx, { username: 'lena', role: 'lead', engagements: ['ALPHA'] });
    await createTestUser(server.ctx, { username: 'otto', role: 'operator', engagements: ['ALPHA', 'BRAVO'] });
    await createTestUser(server.ctx, { username: 'bravo-op', role: 'operator', engagements: ['BRAVO'] });
    await createTestUser(server.ctx, {
      username: 'client',
      role: 'blue-limited-write',
      engagements: ['ALPHA'],
    });
    lead = await login(server.url, 'lena');
    operator = await login(server.url, 'otto');
  });
  afterAll(() => server?.stop());

  it('lets a lead archive and reopen their engagement, and nobody else’s', async () => {
    const archived = await lead.patch<{ archived: boolean }>('/api/v1/engagements/ALPHA/', {
      archived: true,
    });
    expect(archived.status).toBe(200);
    expect(archived.body.archived).toBe(true);
    expect((await lead.patch('/api/v1/engagements/ALPHA/', { archived: false })).status).toBe(200);
    // Not a member of BRAVO: it does not exist for them. An operator of both may archive neither.
    expect((await lead.patch('/api/v1/engagements/BRAVO/', { archived: true })).status).toBe(404);
    expect((await operator.patch('/api/v1/engagements/ALPHA/', { archived: true })).status).toBe(403);
    expect((await operator.patch('/api/v1/engagements/BRAVO/', { archived: true })).status).toBe(403);
  });

  it('takes as operator a lead or operator of the engagement, or a superuser anywhere; never the blue team', async () => {
    for (const name of ['lena', 'otto', 'root']) {
      const res = await lead.post<{ operator: string }>('/api/v1/events/', event(name));
      expect(res.status, name).toBe(201);
      expect(res.body.operator).toBe(name);
    }
    for (const name of ['client', 'bravo-op', 'nobody']) {
      const res = await lead.post<{ fields: Array<{ field: string }> }>('/api/v1/events/', event(name));
      expect(res.status, name).toBe(400);
      expect(res.body.fields[0]?.field).toBe('operator');
    }
  });
});
