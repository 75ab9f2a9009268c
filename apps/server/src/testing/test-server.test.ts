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
} from './index.ts';

describe.each(testDialects())('test server helpers on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.stop());

  it('signs a created user in by cookie and by bearer token', async () => {
    await createTestEngagement(server.ctx, 'ACME');
    await createTestUser(server.ctx, {
      username: 'alice',
      groups: ['Red Team Operators'],
      engagements: ['ACME'],
    });
    const alice = await login(server.url, 'alice');
    const me = await alice.get<{
      user: { username: string; permissions: string[]; engagements: Array<{ code: string }> };
    }>('/api/v1/auth/me/');
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe('alice');
    expect(me.body.user.permissions).toContain('event.add');
    expect(me.body.user.engagements.map((e) => e.code)).toEqual(['ACME']);

    const { access } = await obtainTokens(server.url, 'alice');
    const viaToken = await bearer(server.url, access).get('/api/v1/engagements/');
    expect(viaToken.status).toBe(200);
    expect((await anonymous(server.url).get('/api/v1/auth/me/')).status).toBe(401);
  });
});
