import { insertJob } from '@steppingstones/core/jobs';
import { startWebhookReceiver, verifySignature, type WebhookReceiver } from '@steppingstones/core/testing';
import { testDialects } from '@steppingstones/db/testing';
import type {
  JobDto,
  ListEnvelope,
  WebhookDeliveryDto,
  WebhookDto,
  WebhookTestResult,
} from '@steppingstones/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, createTestUser, login, startTestServer, type TestServer } from '../testing/index.ts';

describe.each(testDialects())('Admin → Webhooks and Jobs API on %s', (dialect) => {
  let server: TestServer;
  let admin: ApiClient;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    server = await startTestServer(dialect, { env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
    // Instance webhooks and every job are the superuser's (a lead's are those of their engagement).
    await createTestUser(server.ctx, { username: 'ops', superuser: true });
    admin = await login(server.url, 'ops');
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    await server?.stop();
  });

  it('creates, edits, tests and deletes a webhook; the secret is never returned', async () => {
    const created = await admin.post<WebhookDto>('/api/v1/webhooks/', {
      url: receiver.url,
      secret: 'topsecret',
      types: ['event created', 'new beacon'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ url: receiver.url, has_secret: true, enabled: true });
    expect(JSON.stringify(created.body)).not.toContain('topsecret');
    const id = created.body.id;

    const edited = await admin.patch<WebhookDto>(`/api/v1/webhooks/${id}/`, { types: ['event deleted'] });
    expect(edited.body).toMatchObject({ types: ['event deleted'], has_secret: true });

    const test = await admin.post<WebhookTestResult>(`/api/v1/webhooks/${id}/test/`);
    expect(test.status).toBe(200);
    expect(test.body).toMatchObject({ ok: true, status_code: 200, error: null });
    expect(typeof test.body.latency_ms).toBe('number');
    const got = receiver.received.at(-1)!;
    expect(got.json.type).toBe('new beacon');
    expect(verifySignature(got.headers['x-steppingstones-signature'] as string, 'topsecret', got.body)).toBe(
      true,
    );

    const log = await admin.get<ListEnvelope<WebhookDeliveryDto>>(`/api/v1/webhooks/${id}/deliveries/`);
    expect(log.body.results).toMatchObject([
      { status_code: 200, ok: true, delivery_id: test.body.delivery_id },
    ]);

    const list = await admin.get<ListEnvelope<WebhookDto>>('/api/v1/webhooks/');
    expect(list.body.results.map((w) => w.id)).toContain(id);

    expect((await admin.del(`/api/v1/webhooks/${id}/`)).status).toBe(204);
    expect((await admin.get(`/api/v1/webhooks/${id}/`)).status).toBe(404);
  });

  it('says which field is wrong', async () => {
    const bad = await admin.post<{ fields: Array<{ field: string }> }>('/api/v1/webhooks/', {
      url: 'ftp://example.com',
      types: ['event exploded'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f) => f.field).sort()).toEqual(['types.0', 'url']);
  });

  it('lists failed jobs with their error, retries and cancels them', async () => {
    const db = server.ctx.database.db;
    const id = await insertJob(server.ctx.services(), {
      task: 'ghost:task',
      payload: { a: 1 },
      maxAttempts: 1,
    });
    await db
      .updateTable('job')
      .set({ status: 'failed', last_error: 'boom', attempts: 1, finished_at: Date.now() })
      .where('id', '=', id)
      .execute();

    const failed = await admin.get<ListEnvelope<JobDto>>('/api/v1/jobs/?status=failed');
    expect(failed.body.results).toMatchObject([
      { id, task: 'ghost:task', payload: { a: 1 }, last_error: 'boom', next_run_at: null },
    ]);

    const retried = await admin.post<JobDto>(`/api/v1/jobs/${id}/retry/`);
    expect(retried.body).toMatchObject({ status: 'queued', attempts: 0 });
    expect(retried.body.next_run_at).toMatch(/Z$/);

    const cancelled = await admin.post<JobDto>(`/api/v1/jobs/${id}/cancel/`);
    expect(cancelled.body.status).toBe('cancelled');
    const again = await admin.post<{ message: string }>(`/api/v1/jobs/${id}/cancel/`);
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('already finished');

    const recent = await admin.get<ListEnvelope<JobDto>>('/api/v1/jobs/?status=recent');
    expect(recent.body.results.map((j) => j.id)).toContain(id);
  });
});
