import { insertJob } from '@steppingstones/core/jobs';
import { createWebhook } from '@steppingstones/core/webhooks';
import type { MatrixFixture, RouteSample } from '../testing/route-samples.ts';

const jobId = async (f: MatrixFixture) => ({
  id: String(await insertJob(f.ctx.database.db, { task: 'matrix:noop', payload: {}, maxAttempts: 1 })),
});
// A loopback target: refused at once by the SSRF guard, so *Test* answers without any network.
const webhookId = async (f: MatrixFixture) => ({
  id: String(
    (await createWebhook(f.ctx.database.db, { url: 'http://127.0.0.1:9/hook', types: ['new beacon'] })).id,
  ),
});

/** Permission-matrix samples for Admin → Jobs and webhooks (spread into ROUTE_SAMPLES). */
export const JOBS_WEBHOOKS_ROUTE_SAMPLES: Record<string, RouteSample> = {
  'POST /api/v1/jobs/:id/retry': { params: jobId },
  'POST /api/v1/jobs/:id/cancel': { params: jobId },
  'POST /api/v1/webhooks': {
    body: () => ({ url: 'https://hooks.example.com/ss', types: ['event created'] }),
  },
  'GET /api/v1/webhooks/:id': { params: webhookId },
  'PATCH /api/v1/webhooks/:id': { params: webhookId, body: () => ({ enabled: false }) },
  'DELETE /api/v1/webhooks/:id': { params: webhookId },
  'GET /api/v1/webhooks/:id/deliveries': { params: webhookId },
  'POST /api/v1/webhooks/:id/test': { params: webhookId },
};
