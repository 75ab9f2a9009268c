import { Readable } from 'node:stream';
import {
  hiddenPointsOf,
  listMenuItems,
  listPluginRecords,
  type MenuPointType,
  type RenderedReport,
  ReportPreviewCache,
  runReport,
  setPluginEnabled,
  setPointEnabled,
} from '@steppingstones/core/plugins';
import {
  listEnvelope,
  menuPointTypeSchema,
  pluginAdminSchema,
  pluginEnabledPatchSchema,
  pluginMenuItemSchema,
  pluginPointEnabledPatchSchema,
} from '@steppingstones/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';
import { contentDisposition } from '../http/content-disposition.ts';
import { requestServices } from '../http/request-services.ts';

/**
 * Report HTML runs no script, loads nothing, and may be framed only by the app itself. It keeps its
 * origin (allow-same-origin) only so the viewer can measure it and grow the frame to fit: without
 * scripts, forms or navigation it cannot use that origin. Images come only as `data:` URIs inside the
 * report (embedded screenshots), never from a URL.
 */
export const REPORT_HTML_CSP =
  "sandbox allow-same-origin; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";

const reportQuery = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const reportParams = z.object({ plugin: z.string().max(100), key: z.string().max(100) });

/** `streaming` holds this server's streamed downloads in progress, so its shutdown can end them. */
function sendReport(reply: FastifyReply, report: RenderedReport, streaming: Set<Readable>) {
  reply.header('content-type', report.contentType);
  reply.header('content-disposition', contentDisposition(report.filename, report.disposition));
  reply.header('cache-control', 'no-store');
  if (report.contentType.startsWith('text/html')) {
    reply.header('content-security-policy', REPORT_HTML_CSP);
    reply.header('x-frame-options', 'SAMEORIGIN');
  }
  const { body } = report;
  if (typeof body === 'string') return reply.send(body);
  if (body instanceof Uint8Array) return reply.send(Buffer.from(body));
  // A streamed report: sent as it comes (chunked), at the pace the client reads it.
  const stream = body instanceof Readable ? body : Readable.from(body);
  streaming.add(stream);
  stream.once('close', () => streaming.delete(stream));
  return reply.send(stream);
}

function localeOf(request: FastifyRequest): string {
  const first = String(request.headers['accept-language'] ?? '')
    .split(',')[0]
    ?.split(';')[0]
    ?.trim();
  return first && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(first) ? first : 'en-GB';
}

/** Menus, admin, and the report host, over the plugins the app loaded and synced at start-up. */
export async function pluginRoutes(app: AppServer): Promise<void> {
  const host = app.plugins;
  // preClose: the server waits for open responses before onClose, and a streamed report can run up to
  // its deadline. A download broken off at shutdown is one the user retries; a deploy that hangs for a
  // minute is worse.
  const streaming = new Set<Readable>();
  app.addHook('preClose', async () => {
    for (const stream of streaming) stream.destroy(new Error('the server is shutting down'));
  });
  const db = app.ctx.database.db;
  const previews = new ReportPreviewCache();

  app.get(
    '/api/v1/plugin-points',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['plugins'],
        summary: 'The plugin points (menu entries) of a type that the caller may run',
        querystring: z.object({ type: menuPointTypeSchema.default('event-report') }),
        response: { 200: listEnvelope(pluginMenuItemSchema) },
      },
    },
    async (request) => {
      // Someone looking at a menu will likely run a report: load a thread and the report host now,
      // not on their click.
      void host.threads.warm(1, 'report');
      const results = await listMenuItems(
        host.registry,
        host.state,
        request.principal,
        request.query.type as MenuPointType,
      );
      return { count: results.length, next: null, previous: null, results };
    },
  );

  app.get(
    '/api/v1/plugins',
    {
      config: { access: { permission: 'plugin.admin' } },
      schema: { tags: ['plugins'], response: { 200: listEnvelope(pluginAdminSchema) } },
    },
    async () => {
      const results = await listPluginRecords(db, hiddenPointsOf(host.registry));
      return { count: results.length, next: null, previous: null, results };
    },
  );

  app.patch(
    '/api/v1/plugins/:id',
    {
      config: { access: { permission: 'plugin.admin' } },
      schema: {
        tags: ['plugins'],
        params: z.object({ id: z.string().max(200) }),
        body: pluginEnabledPatchSchema,
        response: { 200: pluginAdminSchema },
      },
    },
    async (request) => {
      const dto = await setPluginEnabled(
        requestServices(request),
        request.params.id,
        request.body.enabled,
        request.principal.userId,
      );
      host.state.invalidate();
      return dto;
    },
  );

  app.patch(
    '/api/v1/plugins/:id/points/:key',
    {
      config: { access: { permission: 'plugin.admin' } },
      schema: {
        tags: ['plugins'],
        params: z.object({ id: z.string().max(200), key: z.string().max(100) }),
        body: pluginPointEnabledPatchSchema,
        response: { 200: pluginAdminSchema },
      },
    },
    async (request) => {
      const { enabled, type } = request.body;
      const dto = await setPointEnabled(
        requestServices(request),
        request.params.id,
        request.params.key,
        enabled,
        {
          type,
          actorUserId: request.principal.userId,
        },
      );
      host.state.invalidate();
      return dto;
    },
  );

  const reportRoute =
    (type: 'event-report' | 'credential-report') =>
    async (
      request: FastifyRequest<{
        Params: z.infer<typeof reportParams>;
        Querystring: z.infer<typeof reportQuery>;
      }>,
      reply: FastifyReply,
    ) => {
      const abort = new AbortController();
      reply.raw.on('close', () => {
        if (!reply.raw.writableFinished) abort.abort();
      });
      const input = {
        type,
        pluginId: request.params.plugin,
        key: request.params.key,
        principal: request.principal,
        query: request.query,
        locale: localeOf(request),
        signal: abort.signal,
      };
      // A gallery card's preview (`preview=1`): capped, and kept until the data changes.
      const preview = request.query.preview === '1' || request.query.preview === 'true';
      const report = preview
        ? await previews.run(app.ctx, host, input)
        : await runReport(app.ctx, host, input);
      return sendReport(reply, report, streaming);
    };

  app.get(
    '/api/v1/reports/:plugin/:key',
    {
      config: { access: { permission: 'event.view' } },
      schema: {
        tags: ['plugins'],
        summary: "Runs an event report on an engagement's events under the grid's filter",
        params: reportParams,
        querystring: reportQuery,
      },
    },
    reportRoute('event-report'),
  );
  app.get(
    '/api/v1/credential-reports/:plugin/:key',
    {
      config: { access: { permission: 'credential.view' } },
      schema: {
        tags: ['plugins'],
        summary: "Runs a credential report on an engagement's credential vault",
        params: reportParams,
        querystring: reportQuery,
      },
    },
    reportRoute('credential-report'),
  );
}
