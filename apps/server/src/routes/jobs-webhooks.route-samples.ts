import { insertJob } from '@steppingstones/core/jobs';
import { createWebhook, testWebhook } from '@steppingstones/core/webhooks';
import type { MatrixFixture, RouteSample } from '../testing/route-samples.ts';

// Jobs and webhooks of the route's engagement: its lead manages them, a lead elsewhere gets a 404.
const jobId = async (f: MatrixFixture) => ({
  id: String(
    await insertJob(f.ctx.services(), {
      task: 'matrix:noop',
      payload: {},
      maxAttempts: 1,
      engagementId: f.engagement.id,
    }),
  ),
});
// A loopback target: refused at once by the SSRF guard, so *Test* answers without any network.
const webhookId = async (f: MatrixFixture) => ({
  id: String(
    (
      await createWebhook(
        f.ctx.services(),
        { url: 'http://127.0.0.1:9/hook', types: ['new beacon'] },
        { userId: null },
        f.engagement.id,
      )
    ).id,
  ),
});

// A delivery of it to read the body of (the refused *Test* is logged like any delivery).
const deliveryOf = async (f: MatrixFixture) => {
  const { id } = await webhookId(f);
  const sent = await testWebhook(f.ctx.services(), f.ctx.config, Number(id));
  return { id, delivery_id: sent.delivery_id };
};

/** Permission-matrix samples for Admin → Jobs and webhooks (spread into ROUTE_SAMPLES). */
export const JOBS_WEBHOOKS_ROUTE_SAMPLES: Record<string, RouteSample> = {
  'POST /api/v1/jobs/:id/retry': { params: jobId, engagementScoped: true },
  'POST /api/v1/jobs/:id/cancel': { params: jobId, engagementScoped: true },
  'POST /api/v1/webhooks': {
    body: (f) => ({
      url: 'https://hooks.example.com/ss',
      types: ['event created'],
      engagement: f.engagement.code,
    }),
    engagementScoped: true,
  },
  'GET /api/v1/webhooks/:id': { params: webhookId, engagementScoped: true },
  'PATCH /api/v1/webhooks/:id': {
    params: webhookId,
    body: () => ({ enabled: false }),
    engagementScoped: true,
  },
  'DELETE /api/v1/webhooks/:id': { params: webhookId, engagementScoped: true },
  'GET /api/v1/webhooks/:id/deliveries': { params: webhookId, engagementScoped: true },
  'POST /api/v1/webhooks/:id/test': { params: webhookId, engagementScoped: true },
  'GET /api/v1/webhooks/:id/deliveries/:delivery_id/body': { params: deliveryOf, engagementScoped: true },
  'GET /api/v1/webhooks/:id/example': { params: webhookId, engagementScoped: true },
};
