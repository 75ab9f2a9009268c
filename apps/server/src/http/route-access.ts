import type { FastifyInstance } from 'fastify';

/**
 * Every route declares who may call it in its `config.access`:
 * - `public`: anyone (health, login, first-run setup, static assets);
 * - `authenticated`: any signed-in user (own preferences, own engagements list);
 * - `account`: the caller's own account (password, profile, personal tokens): a signed-in user through a
 *   session or a password-login JWT, never a personal token (a leaked token must not mint more or lock
 *   its owner out);
 * - a permission code such as `event.view`; `alsoRequires` lists further codes the caller must hold
 *   as well (all of them, e.g. the trash: `event.delete` and `engagement.change`). On a route whose path
 *   names an engagement (see `engagementParam`) the codes must be held IN that engagement (its role
 *   there), and a caller who is not a member gets 404; on any other route, in at least one engagement
 *   (the service then narrows to the engagements where it is held);
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
  | 'account'
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

/** Path parameters naming the engagement a route addresses. */
export function engagementParam(url: string, name: string): 'code' | 'id' | null {
  if (/^engagement(_?code)?$/i.test(name)) return 'code';
  if (/^engagement_?id$/i.test(name)) return 'id';
  if (name === 'code' && url.includes('/engagements/:code')) return 'code';
  return null;
}
