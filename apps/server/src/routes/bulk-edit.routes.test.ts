import { testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../testing/api-client.ts';
import {
  createTestEngagement,
  createTestUser,
  login,
  startTestServer,
  type TestServer,
} from '../testing/test-server.ts';

const event = (description: string, extra: Record<string, unknown> = {}) => ({
  engagement: 'BULK',
  timestamp: '2026-06-01T09:30:00Z',
  source: { host: 'WS01' },
  target: { host: 'DC01' },
  description,
  ...extra,
});

describe.each(testDialects())('bulk edit on %s', { timeout: 120_000 }, (dialect) => {
  let server: TestServer;
  let op: ApiClient;
  const list = async (q: string) =>
    (
      await op.get<{
        results: Array<{ id: number; tags: string[]; detected: string; starred: boolean; version: number }>;
      }>(`/api/v1/events/?engagement=BULK&${q}`)
    ).body.results;

  beforeEach(async () => {
    server = await startTestServer(dialect);
    await createTestEngagement(server.ctx, 'BULK');
    await createTestUser(server.ctx, {
      username: 'op',
      groups: ['Red Team Operators'],
      engagements: ['BULK'],
    });
    await createTestUser(server.ctx, {
      username: 'blue',
      groups: ['Client Blue Team - Limited Write'],
      engagements: ['BULK'],
    });
    op = await login(server.url, 'op');
    for (const d of ['Kerberoast', 'DCSync', 'Phishing'])
      expect((await op.post('/api/v1/events/', event(d, { tags: ['Recon'] }))).status).toBe(201);
    expect((await op.post('/api/v1/events/', event('Unrelated', { detected: 'NEG' }))).status).toBe(201);
  });
  afterEach(() => server.stop());

  it('changes everything under the filter when the count matches, recording history', async () => {
    const res = await op.post('/api/v1/events/bulk/', {
      engagement: 'BULK',
      filter: { tag: ['recon'] },
      expected_count: 3,
      changes: { add_tags: ['Reported'], remove_tags: ['RECON'], detected: 'FUL', starred: true },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ count: 3, changed: 3 });
    const changed = await list('tag=reported');
    expect(changed).toHaveLength(3);
    for (const e of changed)
      expect(e).toMatchObject({ tags: ['Reported'], detected: 'FUL', starred: true, version: 2 });
    expect((await list('detected=NEG')).map((e) => e.tags)).toEqual([[]]);
    const history = await op.get<{ results: Array<{ action: string; diff: Record<string, unknown> }> }>(
      `/api/v1/events/${changed[0]!.id}/history/`,
    );
    expect(history.body.results[0]?.diff).toHaveProperty('detected');
  });

  it('refuses when the count differs, changing nothing', async () => {
    const res = await op.post<{ message: string; details: { count: number } }>('/api/v1/events/bulk/', {
      engagement: 'BULK',
      filter: { tag: ['recon'] },
      expected_count: 2,
      changes: { detected: 'FUL' },
    });
    expect(res.status).toBe(409);
    expect(res.body.message).toContain('now holds 3 event(s), not the 2 you saw');
    expect(await list('detected=FUL')).toEqual([]);
  });

  it('edits exactly the selected ids in one outbox message with a revision each; refuses ids outside the engagement or gone', async () => {
    const recon = (await list('tag=recon')).map((e) => e.id);
    const chosen = [recon[0]!, recon[2]!];
    const db = server.ctx.database.db;
    const outboxBefore = await db.selectFrom('domain_event').select('id').execute();
    const res = await op.post('/api/v1/events/bulk/', {
      engagement: 'BULK',
      ids: chosen,
      expected_count: 2,
      changes: { add_tags: ['Chosen'], prevented: 'PAR' },
    });
    expect(res.status).toBe(200);
    expect((await list('tag=chosen')).map((e) => e.id).sort()).toEqual([...chosen].sort());
    expect(await list('prevented=PAR')).toHaveLength(2);
    for (const id of chosen) {
      const history = await op.get<{ results: Array<{ diff: Record<string, unknown> }> }>(
        `/api/v1/events/${id}/history/`,
      );
      expect(history.body.results[0]?.diff).toHaveProperty('tags');
    }
    const messages = await db
      .selectFrom('domain_event')
      .select(['type', 'payload'])
      .where(
        'id',
        'not in',
        outboxBefore.map((m) => m.id),
      )
      .execute();
    expect(messages.map((m) => m.type)).toEqual(['event.bulk_updated']);
    expect(JSON.parse(messages[0]!.payload)).toMatchObject({
      count: 2,
      eventIds: [...chosen].sort((a, b) => a - b),
    });

    // An id of another engagement (the user is a member there too) is not part of this engagement.
    await createTestEngagement(server.ctx, 'OTHER');
    await createTestUser(server.ctx, {
      username: 'op2',
      groups: ['Red Team Operators'],
      engagements: ['BULK', 'OTHER'],
    });
    const op2 = await login(server.url, 'op2');
    const foreign = await op2.post<{ id: number }>('/api/v1/events/', {
      ...event('Elsewhere'),
      engagement: 'OTHER',
    });
    expect(foreign.status).toBe(201);
    const mixed = await op2.post<{ message: string }>('/api/v1/events/bulk/', {
      engagement: 'BULK',
      ids: [chosen[0], foreign.body.id],
      expected_count: 2,
      changes: { add_tags: ['Leak'] },
    });
    expect(mixed.status).toBe(409);
    expect(mixed.body.message).toContain('now holds 1 event(s), not the 2 you saw');

    // A selected event a teammate deleted meanwhile: the selection is not what the user saw.
    expect((await op.del(`/api/v1/events/${chosen[1]}/`)).status).toBe(204);
    const stale = await op.post('/api/v1/events/bulk/', {
      engagement: 'BULK',
      ids: chosen,
      expected_count: 2,
      changes: { remove_tags: ['Chosen'] },
    });
    expect(stale.status).toBe(409);
    expect(await list('tag=leak')).toEqual([]);
    expect((await list('tag=chosen')).map((e) => e.id)).toEqual([chosen[0]]);
  });

  it('stars the selection and clears stars afterwards; limited users may only set detection', async () => {
    const ids = (await list('tag=recon')).map((e) => e.id).slice(0, 2);
    expect(
      (
        await op.post('/api/v1/events/bulk/', {
          engagement: 'BULK',
          ids,
          expected_count: 2,
          changes: { starred: true },
        })
      ).status,
    ).toBe(200);
    expect(await list('starred=true')).toHaveLength(2);
    expect(
      (
        await op.post('/api/v1/events/bulk/', {
          engagement: 'BULK',
          filter: { starred: true },
          expected_count: 2,
          changes: { prevented: 'FUL', clear_stars: true },
        })
      ).status,
    ).toBe(200);
    expect(await list('starred=true')).toEqual([]);
    expect(await list('prevented=FUL')).toHaveLength(2);

    const blue = await login(server.url, 'blue');
    expect(
      (
        await blue.post('/api/v1/events/bulk/', {
          engagement: 'BULK',
          ids,
          expected_count: 2,
          changes: { detected: 'PAR' },
        })
      ).status,
    ).toBe(200);
    const refused = await blue.post('/api/v1/events/bulk/', {
      engagement: 'BULK',
      ids,
      expected_count: 2,
      changes: { add_tags: ['x'] },
    });
    expect(refused.status).toBe(403);
  });
});
