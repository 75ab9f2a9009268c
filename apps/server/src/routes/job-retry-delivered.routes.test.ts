import { insertJob } from '@steppingstones/core/jobs';
import { testDialects } from '@steppingstones/db/testing';
import type { JobDto } from '@steppingstones/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, createTestUser, login, startTestServer, type TestServer } from '../testing/index.ts';

describe.each(testDialects())('retrying webhook deliveries on %s', (dialect) => {
  let server: TestServer;
  let admin: ApiClient;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createTestUser(server.ctx, { username: 'ops', superuser: true });
    admin = await login(server.url, 'ops');
  });
  afterAll(() => server?.stop());

  const delivery = async (status: 'succeeded' | 'failed') => {
    const { db } = server.ctx.database;
    const id = await insertJob(server.ctx.services(), {
      task: 'core:webhook.deliver',
      payload: { webhookId: 1, deliveryId: crypto.randomUUID(), domainEventId: null, type: 'x', body: '{}' },
      maxAttempts: 8,
    });
    await db
      .updateTable('job')
      .set({ status, attempts: 1, finished_at: server.ctx.clock.now() })
      .where('id', '=', id)
      .execute();
    return id;
  };

  it('refuses to resend a delivered message, and resends a failed one', async () => {
    const delivered = await delivery('succeeded');
    const refused = await admin.post(`/api/v1/jobs/${delivered}/retry/`);
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.body)).toContain('delivered');
    const failed = await delivery('failed');
    const retried = await admin.post<JobDto>(`/api/v1/jobs/${failed}/retry/`);
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('queued');
  });
});
