import { testDialects } from '@steppingstones/db/testing';
import type { AuditEntryDto, ListEnvelope } from '@steppingstones/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiClient,
  createTestEngagement,
  createTestUser,
  login,
  startTestServer,
  type TestServer,
} from '../testing/index.ts';

type Page = ListEnvelope<AuditEntryDto>;

describe.each(testDialects())('filtering the audit log on %s', (dialect) => {
  let server: TestServer;
  let root: ApiClient;
  const at = (iso: string) => new Date(iso).getTime();

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createTestUser(server.ctx, { username: 'root', superuser: true });
    root = await login(server.url, 'root');
    const alpha = await createTestEngagement(server.ctx, 'ALPHA');
    const bravo = await createTestEngagement(server.ctx, 'BRAVO');
    const row = (when: string, actor: string, action: string, engagementId: number | null, target = '') => ({
      at: at(when),
      actor,
      actor_user_id: null,
      engagement_id: engagementId,
      action,
      target,
      ip: '10.0.0.1',
      details: JSON.stringify({ fields: ['url', 'types'], note: 'a long note '.repeat(3) }),
    });
    await server.ctx.database.db
      .insertInto('audit_log')
      .values([
        row('2020-03-02T09:00:00Z', 'alice', 'webhook.created', alpha.id, 'https://a'),
        row('2020-03-02T10:00:00Z', 'alice', 'webhook.deleted', bravo.id, 'https://b'),
        row('2020-03-02T11:00:00Z', 'bob', 'webhook.created', alpha.id, 'https://c'),
        row('2020-03-03T09:00:00Z', 'Bob', 'user.created', null, 'carol'),
      ])
      .execute();
  });
  afterAll(() => server?.stop());

  const targets = async (query: string) => {
    const page = await root.get<Page>(`/api/v1/audit/?${query}`);
    expect(page.status, query).toBe(200);
    return page.body.results.map((r) => r.target);
  };

  it('filters by user, action (or its family), engagement and time, and combines them', async () => {
    expect(await targets('user=bob&to=2021-01-01T00:00:00Z')).toEqual(['carol', 'https://c']);
    expect(await targets('action=webhook.created')).toEqual(['https://c', 'https://a']);
    expect(await targets('action=webhook')).toEqual(['https://c', 'https://b', 'https://a']);
    expect(await targets('engagement=BRAVO')).toEqual(['https://b']);
    expect(await targets('engagement=NOPE')).toEqual([]);
    expect(await targets('from=2020-03-02T09:30:00Z&to=2020-03-02T11:00:00Z&action=webhook')).toEqual([
      'https://b',
    ]);
    expect(await targets('user=alice&engagement=ALPHA')).toEqual(['https://a']);
  });

  it('says which engagement an entry is about, and keeps the filter in its page links', async () => {
    const page = await root.get<Page>('/api/v1/audit/?action=webhook&limit=1');
    expect(page.body.results[0]).toMatchObject({ engagement: 'ALPHA', target: 'https://c' });
    expect(page.body.next).toContain('action=webhook');
    const bad = await root.get('/api/v1/audit/?from=yesterday');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('from');
  });
});
