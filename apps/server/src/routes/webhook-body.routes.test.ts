import { startWebhookReceiver, type WebhookReceiver } from '@steppingstones/core/testing';
import {
  DELIVER_TASK,
  deliverOnce,
  deliveryPayloadSchema,
  fanOutWebhooks,
} from '@steppingstones/core/webhooks';
import { testDialects } from '@steppingstones/db/testing';
import type { ListEnvelope, WebhookDeliveryDto, WebhookDto } from '@steppingstones/shared';
import type { WebhookBodyDto, WebhookExampleDto } from '@steppingstones/shared/webhook-body';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiClient,
  createTestEngagement,
  createTestUser,
  login,
  startTestServer,
  type TestServer,
} from '../testing/index.ts';

/** The webhook page shows the real body: what a delivery POSTed, and what each type would send. */
describe.each(testDialects())('webhook bodies on %s', { timeout: 120_000 }, (dialect) => {
  let server: TestServer;
  let lead: ApiClient;
  let receiver: WebhookReceiver;
  let hook: WebhookDto;

  beforeAll(async () => {
    server = await startTestServer(dialect, { env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
    await createTestEngagement(server.ctx, 'ACME', { name: 'Acme Corp' });
    await createTestUser(server.ctx, {
      username: 'lead',
      role: 'lead',
      engagements: ['ACME'],
    });
    lead = await login(server.url, 'lead');
    receiver = await startWebhookReceiver();
    const created = await lead.post<WebhookDto>('/api/v1/webhooks/', {
      url: receiver.url,
      secret: 'topsecret',
      types: ['event created', 'new beacon'],
      engagement: 'ACME',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    hook = created.body;
  });
  afterAll(async () => {
    await receiver?.close();
    await server?.stop();
  });

  it('shows, for each subscribed type, the body the sender builds', async () => {
    const res = await lead.get<ListEnvelope<WebhookExampleDto>>(`/api/v1/webhooks/${hook.id}/example/`);
    expect(res.status).toBe(200);
    expect(res.body.results.map((e) => e.type)).toEqual(['event created', 'new beacon']);
    const created = JSON.parse(res.body.results[0]!.body);
    expect(Object.keys(created)).toEqual([
      'type',
      'message',
      'event_id',
      'actor',
      'engagement',
      'engagement_name',
      'engagement_id',
      'domain_event_id',
      'time',
    ]);
    expect(created).toMatchObject({
      type: 'event created',
      message: 'Event 1042 created in Acme Corp: Kerberoasted svc_sql from WS042',
      engagement: 'ACME',
      engagement_name: 'Acme Corp',
    });
    expect(JSON.parse(res.body.results[1]!.body)).toMatchObject({
      type: 'new beacon',
      message: 'New beacon for jsmith on WS042 (beacon.exe) received on cs01',
      c2_session_id: 17,
    });
  });

  it('shows the exact body a delivery POSTed while its job is kept, and says when it is not', async () => {
    const event = await lead.post<{ id: number }>('/api/v1/events/', {
      engagement: 'ACME',
      timestamp: '2026-03-01T08:00:00Z',
      source: { host: 'KALI' },
      target: { host: 'DC01' },
      description: 'Dumped NTDS.dit',
    });
    expect(event.status).toBe(201);
    const ctx = server.ctx.services();
    await fanOutWebhooks(ctx);
    const job = await server.ctx.database.db
      .selectFrom('job')
      .select(['id', 'payload'])
      .where('task', '=', DELIVER_TASK)
      .executeTakeFirstOrThrow();
    const payload = deliveryPayloadSchema.parse(JSON.parse(job.payload));
    await deliverOnce(ctx, server.ctx.config, payload, 1);
    const sent = receiver.received.at(-1)!;

    const log = await lead.get<ListEnvelope<WebhookDeliveryDto>>(`/api/v1/webhooks/${hook.id}/deliveries/`);
    const delivery = log.body.results[0]!;
    expect(delivery).toMatchObject({ event_id: event.body.id, delivery_id: payload.deliveryId });
    const url = `/api/v1/webhooks/${hook.id}/deliveries/${delivery.delivery_id}/body/`;
    const body = await lead.get<WebhookBodyDto>(url);
    expect(body.status).toBe(200);
    // Byte for byte what the receiver got (and signed).
    expect(body.body).toEqual({
      delivery_id: payload.deliveryId,
      type: 'event created',
      body: sent.body,
      kept: true,
    });
    expect(JSON.parse(sent.body)).toMatchObject({
      event_id: event.body.id,
      message: expect.stringContaining('Dumped NTDS.dit'),
    });

    // Finished jobs are pruned: the log keeps the message, the body is gone and the answer says so.
    await server.ctx.database.db.deleteFrom('job').where('id', '=', job.id).execute();
    expect((await lead.get<WebhookBodyDto>(url)).body).toMatchObject({ body: null, kept: false });
    expect((await lead.get(`/api/v1/webhooks/${hook.id}/deliveries/not-a-delivery/body/`)).status).toBe(404);
  });
});
