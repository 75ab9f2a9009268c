import type { FastifyInstance } from 'fastify';

/**
 * Every route declares who may call it in its `config.access`:
 * - `public`: anyone (health, login, first-run setup, static assets);
 * - `authenticated`: any signed-in user (own preferences, own engagements list);
 * - a permission code such as `event.view`; `alsoRequires` lists further codes the caller must hold
 *   as well (all of them, e.g. the trash: `event.delete` and `engagement.change`);
 * - `{ signedUrl: purpose, permission }`: no session or token at all (cookies are ignored); the URL
 *   carries a short-lived signature made for one user and one purpose (http/signed-url-auth.ts), and
 *   the request acts as that user, rebuilt from the database. For links handed to another site, such as
 *   the ATT&CK Navigator fetching a layer.
 * Start-up fails for a route without a declaration, so no route is ever accidentally open and the
 * permission-matrix test can enumerate the router.
 */
export type RouteAccess =
  | 'public'
  | 'authenticated'
  | { permission: string; alsoRequires?: readonly string[] }
  | { signedUrl: string; permission: string };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export interface DeclaredRoute {
  method: string;
  url: string;
  access: RouteAccess;
}

export function enforceRouteAccessDeclarations(app: FastifyInstance, declared: DeclaredRoute[]): void {
  app.addHook('onRoute', (route) => {
    let access = (route.config as { access?: RouteAccess } | undefined)?.access;
    // The OpenAPI document and its viewer are registered by @fastify/swagger-ui; they are public docs.
    if (!access && route.url.startsWith('/api/docs')) access = 'public';
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!access) {
      throw new Error(
        `Route ${methods.join(',')} ${route.url} declares no access (config.access); every route must.`,
      );
    }
    for (const method of methods) if (method !== 'HEAD') declared.push({ method, url: route.url, access });
  });
}
