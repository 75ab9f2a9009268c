import { recordAudit } from '@steppingstones/core/audit';
import { cancelJob, jobScope, listJobs, requireJobAccess, retryJob } from '@steppingstones/core/jobs';
import { removeJobUpload } from '@steppingstones/core/runtime';
import { jobListQuerySchema, jobSchema, listEnvelope } from '@steppingstones/shared';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';
import { auditActor } from '../http/request-actor.ts';
import { requestServices } from '../http/request-services.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const access = { permission: 'job.admin' } as const;

/**
 * Admin → Jobs: what the worker has queued, running, failed and recently finished; retry; cancel. A
 * lead sees the jobs about the engagements they lead; jobs of no engagement are the superuser's.
 */
export async function jobRoutes(app: AppServer): Promise<void> {
  const db = app.ctx.database.db;

  app.get(
    '/api/v1/jobs',
    {
      config: { access },
      schema: {
        tags: ['jobs'],
        summary: 'Jobs: running first, then by next run, then the most recently finished',
        querystring: jobListQuerySchema,
        response: { 200: listEnvelope(jobSchema) },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await listJobs(db, q, jobScope(request.principal));
      const link = (offset: number) => {
        const params = new URLSearchParams({
          status: q.status,
          limit: String(q.limit),
          offset: String(offset),
        });
        if (q.task) params.set('task', q.task);
        return `/api/v1/jobs/?${params}`;
      };
      return {
        ...page,
        next: page.next ? link(q.offset + q.limit) : null,
        previous: page.previous ? link(Math.max(0, q.offset - q.limit)) : null,
      };
    },
  );

  app.post(
    '/api/v1/jobs/:id/retry',
    {
      config: { access },
      schema: {
        tags: ['jobs'],
        summary: 'Run a failed, cancelled or waiting job now, with a fresh attempt count',
        params: idParams,
        response: { 200: jobSchema },
      },
    },
    async (request) => {
      await requireJobAccess(db, request.principal, request.params.id);
      const job = await retryJob(requestServices(request), request.params.id);
      await recordAudit(requestServices(request), auditActor(request), {
        action: 'job.retried',
        target: `job ${job.id} (${job.task})`,
      });
      return job;
    },
  );

  app.post(
    '/api/v1/jobs/:id/cancel',
    {
      config: { access },
      schema: {
        tags: ['jobs'],
        summary: 'Cancel a queued or running job (a running task is stopped within seconds)',
        params: idParams,
        response: { 200: jobSchema },
      },
    },
    async (request) => {
      await requireJobAccess(db, request.principal, request.params.id);
      const job = await cancelJob(requestServices(request), request.params.id);
      // A cancelled import will never read its upload (hashes and passwords): remove it now.
      removeJobUpload(app.ctx.config.dataDir, job.payload);
      await recordAudit(requestServices(request), auditActor(request), {
        action: 'job.cancelled',
        target: `job ${job.id} (${job.task})`,
      });
      return job;
    },
  );
}
