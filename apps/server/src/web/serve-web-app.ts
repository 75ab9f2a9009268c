import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { PROJECT_ROOT } from '@steppingstones/core';
import type { AppServer } from '../app-server.ts';

export const WEB_DIST = path.join(PROJECT_ROOT, 'apps/web/dist');
const NONCE_PLACEHOLDER = /__CSP_NONCE__/g;

/**
 * Serves the built React app: hashed assets from dist/assets (cached forever), and index.html for every
 * other non-API path (client-side routing), with this request's CSP nonce written into it.
 */
export async function serveWebApp(app: AppServer): Promise<void> {
  const indexFile = path.join(WEB_DIST, 'index.html');
  if (!fs.existsSync(indexFile)) {
    app.log.warn(
      `The web app is not built (${indexFile} is missing): run "npm run build:web". The API is served anyway.`,
    );
    app.get('/', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) =>
      reply
        .type('text/plain')
        .send('Stepping Stones API is running; the web app is not built. Run "npm run build:web".'),
    );
    return;
  }
  const indexHtml = fs.readFileSync(indexFile, 'utf8');

  await app.register(fastifyStatic, {
    root: WEB_DIST,
    // Only reply.sendFile is used: our own routes below decide what is served (and declare access).
    serve: false,
    // Assets carry content hashes in their names, so they never change.
    setHeaders: (res, filePath) => {
      if (filePath.includes(`${path.sep}assets${path.sep}`))
        res.header('cache-control', 'public, max-age=31536000, immutable');
    },
  });

  const sendIndex = (nonce: string) => indexHtml.replace(NONCE_PLACEHOLDER, nonce);
  app.get('/', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(sendIndex(request.cspNonce)),
  );
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    if (url.startsWith('/api/') || url === '/healthz') {
      return reply
        .status(404)
        .send({ error: 'not_found', message: `No such endpoint: ${request.method} ${url}` });
    }
    const file = path.join(WEB_DIST, path.normalize(url).replace(/^([/\\])+/, ''));
    if (
      file.startsWith(WEB_DIST) &&
      path.extname(file) &&
      fs.existsSync(file) &&
      fs.statSync(file).isFile()
    ) {
      return reply.sendFile(path.relative(WEB_DIST, file));
    }
    if (path.extname(url)) return reply.status(404).type('text/plain').send('Not found');
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(sendIndex(request.cspNonce));
  });
}
