import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestEngagement,
  createTestUser,
  login,
  startTestServer,
  type TestServer,
} from '../testing/test-server.ts';

interface Operators {
  results: Array<{ username: string; display_name: string }>;
}

describe.each(testDialects())('the operator picker list on %s', { timeout: 120_000 }, (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createTestEngagement(server.ctx, 'RED');
    await createTestEngagement(server.ctx, 'OTHER');
    const team = { groups: ['Red Team Operators'], engagements: ['RED'] };
    await createTestUser(server.ctx, { username: 'alice', ...team });
    await createTestUser(server.ctx, { username: 'bob', ...team });
    const gone = await createTestUser(server.ctx, { username: 'gone', ...team });
    await server.ctx.database.db
      .updateTable('app_user')
      .set({ is_active: 0 })
      .where('id', '=', gone.id)
      .execute();
    await createTestUser(server.ctx, {
      username: 'olga',
      groups: ['Red Team Operators'],
      engagements: ['OTHER'],
    });
    await createTestUser(server.ctx, {
      username: 'blue',
      groups: ['Client Blue Team - Read Only'],
      engagements: ['RED'],
    });
  });
  afterAll(() => server.stop());

  it('lists the members who record events: not the blue team, other engagements’ users or deactivated ones', async () => {
    const alice = await login(server.url, 'alice');
    const res = await alice.get<Operators>('/api/v1/engagements/RED/operators/');
    expect(res.status).toBe(200);
    expect(res.body.results.map((u) => u.username)).toEqual(['alice', 'bob']);
  });

  it('answers 404 for an engagement the caller does not belong to, and 403 to the blue team', async () => {
    const alice = await login(server.url, 'alice');
    expect((await alice.get('/api/v1/engagements/OTHER/operators/')).status).toBe(404);
    const blue = await login(server.url, 'blue');
    expect((await blue.get('/api/v1/engagements/RED/operators/')).status).toBe(403);
  });
});
