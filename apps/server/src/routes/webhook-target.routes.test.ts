import { testDialects } from '@steppingstones/db/testing';
import type { WebhookDto } from '@steppingstones/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, createTestUser, login, startTestServer, type TestServer } from '../testing/index.ts';

describe.each(testDialects())('saving a webhook with a private address on %s', (dialect) => {
  let server: TestServer;
  let admin: ApiClient;

  beforeAll(async () => {
    // No WEBHOOK_ALLOW_PRIVATE: internal addresses are refused.
    server = await startTestServer(dialect);
    await createTestUser(server.ctx, { username: 'ops', superuser: true });
    admin = await login(server.url, 'ops');
  });
  afterAll(() => server?.stop());

  it('refuses a loopback, private or localhost address when saved, saying why and what to set', async () => {
    for (const url of [
      'http://127.0.0.1:9/hook',
      'http://10.1.2.3/hook',
      'http://[::1]/x',
      'http://localhost/x',
    ]) {
      const refused = await admin.post('/api/v1/webhooks/', { url, types: ['event created'] });
      expect(refused.status, url).toBe(400);
      const text = JSON.stringify(refused.body);
      expect(text).toContain('url');
      expect(text).toMatch(/private|loopback/);
      expect(text).toContain('WEBHOOK_ALLOW_PRIVATE=true');
    }
    const list = await admin.get<{ count: number }>('/api/v1/webhooks/');
    expect(list.body.count).toBe(0);
  });

  it('accepts a public name and refuses an edit that points it inside', async () => {
    const created = await admin.post<WebhookDto>('/api/v1/webhooks/', {
      url: 'https://hooks.example.com/ss',
      types: ['event created'],
    });
    expect(created.status).toBe(201);
    const edited = await admin.patch(`/api/v1/webhooks/${created.body.id}/`, { url: 'http://192.168.1.10/' });
    expect(edited.status).toBe(400);
    expect(JSON.stringify(edited.body)).toContain('192.168.1.10 is a private');
    const kept = await admin.get<WebhookDto>(`/api/v1/webhooks/${created.body.id}/`);
    expect(kept.body.url).toBe('https://hooks.example.com/ss');
  });
});
