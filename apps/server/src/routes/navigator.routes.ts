import { Readable } from 'node:stream';
import {
  createNavigatorLink,
  NAVIGATOR_LAYER_PURPOSE,
  navigatorOrigin,
  renderNavigatorLayer,
} from '@steppingstones/core/navigator';
import type { RenderedReport } from '@steppingstones/core/plugins';
import { redactSignedUrl } from '@steppingstones/core/signed-urls';
import { navigatorLinkSchema } from '@steppingstones/shared/navigator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppServer } from '../app-server.ts';

const reportQuery = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const reportParams = z.object({ plugin: z.string().max(100), key: z.string().max(100) });

/** A signed layer URL is a credential until it expires: request logs show it without its token. */
const redactedLogSerializers = {
  req: (req: FastifyRequest) => ({ method: req.method, url: redactSignedUrl(req.url), host: req.host }),
};

/**
 * "Open in Navigator". The signed-in user asks for a link; the ATT&CK Navigator, running in
 * their browser on another origin, fetches the layer through it without cookies. The layer route
 * answers with CORS for exactly the Navigator's origin (never with credentials) and is never cached.
 */
export async function navigatorRoutes(app: AppServer): Promise<void> {
  const host = app.plugins;
  const allowedOrigin = navigatorOrigin(app.ctx.config.navigatorUrl);
  /** No Origin (a download, curl) or the Navigator's: anything else is another site's page. */
  const originAllowed = (request: FastifyRequest) =>
    request.headers.origin === undefined || request.headers.origin === allowedOrigin;

  app.get(
    '/api/v1/reports/:plugin/:key/navigator-link',
    {
      config: { access: { permission: 'event.view' } },
      schema: {
        tags: ['plugins'],
        summary: 'A short-lived signed URL of a Navigator layer report, and the Navigator URL that opens it',
        params: reportParams,
        querystring: reportQuery,
        response: { 200: navigatorLinkSchema },
      },
    },
    (request) =>
      createNavigatorLink(app.ctx, host, {
        pluginId: request.params.plugin,
        key: request.params.key,
        principal: request.principal,
        query: request.query,
      }),
  );

  const corsHeaders = async (request: FastifyRequest, reply: FastifyReply) => {
    reply.header('vary', 'Origin');
    if (originAllowed(request)) reply.header('access-control-allow-origin', allowedOrigin);
  };

  app.get(
    '/api/v1/reports/:plugin/:key/navigator-layer',
    {
      config: { access: { signedUrl: NAVIGATOR_LAYER_PURPOSE, permission: 'event.view' } },
      logSerializers: redactedLogSerializers,
      onSend: corsHeaders,
      schema: {
        tags: ['plugins'],
        summary: 'The layer behind a signed Navigator link (no cookies; CORS for the Navigator only)',
        params: reportParams,
        querystring: reportQuery,
      },
    },
    async (request, reply) => {
      if (!originAllowed(request))
        return reply.status(403).send({
          error: 'origin_not_allowed',
          message: `Only the ATT&CK Navigator at ${allowedOrigin} (NAVIGATOR_URL) may read this layer from a web page.`,
        });
      const abort = new AbortController();
      reply.raw.on('close', () => {
        if (!reply.raw.writableFinished) abort.abort();
      });
      const layer = await renderNavigatorLayer(app.ctx, host, {
        pluginId: request.params.plugin,
        key: request.params.key,
        principal: request.principal,
        query: request.query,
        signal: abort.signal,
      });
      return sendLayer(reply, layer);
    },
  );

  // Browsers send a preflight only for non-simple requests, or (Private Network Access) when a public
  // page such as the public Navigator fetches a private address; answer it for the Navigator alone.
  app.options(
    '/api/v1/reports/:plugin/:key/navigator-layer',
    { config: { access: 'public' }, logSerializers: redactedLogSerializers, schema: { hide: true } },
    async (request, reply) => {
      reply.header('vary', 'Origin');
      if (request.headers.origin !== allowedOrigin)
        return reply.status(403).send({
          error: 'origin_not_allowed',
          message: `Only the ATT&CK Navigator at ${allowedOrigin} (NAVIGATOR_URL) may read this layer from a web page.`,
        });
      reply.header('access-control-allow-origin', allowedOrigin);
      reply.header('access-control-allow-methods', 'GET');
      reply.header('access-control-max-age', '600');
      if (request.headers['access-control-request-private-network'] === 'true')
        reply.header('access-control-allow-private-network', 'true');
      return reply.status(204).send();
    },
  );
}

function sendLayer(reply: FastifyReply, layer: RenderedReport) {
  reply.header('content-type', layer.contentType);
  reply.header('cache-control', 'no-store');
  const body: unknown = layer.body;
  if (typeof body === 'string') return reply.send(body);
  if (body instanceof Uint8Array) return reply.send(Buffer.from(body));
  return reply.send(Readable.from(body as AsyncIterable<string | Uint8Array>));
}
