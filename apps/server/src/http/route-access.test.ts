import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { type DeclaredRoute, enforceRouteAccessDeclarations } from './route-access.ts';

describe('route access declarations', () => {
  it('fails start-up for a route that declares no access, naming it', async () => {
    const app = Fastify();
    enforceRouteAccessDeclarations(app, []);
    // Registered the way buildApp registers every route module: inside a plugin, so start-up fails.
    app.register(async (routes) => {
      routes.get('/api/v1/forgotten', async () => ({ ok: true }));
    });
    await expect(app.ready()).rejects.toThrow(
      'Route GET /api/v1/forgotten declares no access (config.access); every route must.',
    );
    await app.close().catch(() => undefined);
  });

  it('lists every declared route with its access, for the permission matrix', async () => {
    const app = Fastify();
    const declared: DeclaredRoute[] = [];
    enforceRouteAccessDeclarations(app, declared);
    app.get('/api/v1/things', { config: { access: { permission: 'event.view' } } }, async () => []);
    app.post('/api/v1/login', { config: { access: 'public' } }, async () => ({}));
    await app.ready();
    // HEAD (added by Fastify beside GET) is left out: the matrix calls each method once.
    expect(declared).toEqual([
      { method: 'GET', url: '/api/v1/things', access: { permission: 'event.view' } },
      { method: 'POST', url: '/api/v1/login', access: 'public' },
    ]);
    await app.close();
  });
});
