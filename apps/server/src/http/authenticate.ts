import type { AppContext } from '@steppingstones/core';
import { verifyAccessToken } from '@steppingstones/core/auth';
import {
  canAccessEngagement,
  hasEngagementPermission,
  hasPermission,
  isPermissionCode,
  type PermissionCode,
  type Principal,
} from '@steppingstones/core/permissions';
import { findActiveSession } from '@steppingstones/core/sessions';
import { PERSONAL_TOKEN_PREFIX, resolveApiToken } from '@steppingstones/core/tokens';
import { activeUserById, principalForUser, type UserRow } from '@steppingstones/core/users';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CsrfError, csrfTokenMatches, isSameOrigin, isUnsafeMethod } from './csrf.ts';
import { requestServices } from './request-services.ts';
import { engagementParam, type RouteAccess } from './route-access.ts';
import { SESSION_COOKIE } from './session-cookie.ts';
import { authenticateSignedUrl } from './signed-url-auth.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller, read from the database for this request. Set on every non-public route. */
    principal: Principal;
    /** The signed-in user's row (non-public routes). */
    authUser: UserRow;
    /** The cookie session behind the request, when it came with one. */
    authSession: { id: number; csrfToken: string } | null;
  }
}

interface Resolved {
  user: UserRow;
  principal: Principal;
  session: { id: number; csrfToken: string } | null;
}

export async function resolveCaller(ctx: AppContext, request: FastifyRequest): Promise<Resolved | null> {
  const db = ctx.database.db;
  const header = request.headers.authorization;
  if (typeof header === 'string' && /^bearer\s+/i.test(header)) {
    const token = header.replace(/^bearer\s+/i, '').trim();
    if (token.startsWith(PERSONAL_TOKEN_PREFIX)) {
      const found = await resolveApiToken(requestServices(request), token);
      if (!found) return null;
      return {
        user: found.user,
        principal: await principalForUser(db, found.user, 'api-token', found.scope),
        session: null,
      };
    }
    const claims = await verifyAccessToken(ctx.keys, token);
    if (!claims) return null;
    const user = await activeUserById(db, claims.userId);
    if (!user || Number(user.auth_epoch) !== claims.epoch) return null;
    return { user, principal: await principalForUser(db, user, 'jwt'), session: null };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  const session = await findActiveSession(requestServices(request), cookie, ctx.config);
  if (!session) return null;
  return {
    user: session.user,
    principal: await principalForUser(db, session.user, 'session'),
    session: { id: session.sessionId, csrfToken: session.csrfToken },
  };
}

/**
 * The engagement a route's path names (`/engagements/:code/…`, `:engagement`, `:engagement_id`):
 * `undefined` when the route names none, `null` when it names one the caller may not see.
 */
async function addressedEngagement(
  ctx: AppContext,
  request: FastifyRequest,
  principal: Principal,
): Promise<number | null | undefined> {
  const url = request.routeOptions.url ?? '';
  const params = (request.params ?? {}) as Record<string, string>;
  for (const [name, value] of Object.entries(params)) {
    const kind = engagementParam(url, name);
    if (!kind) continue;
    if (kind === 'id' && !/^\d{1,15}$/.test(String(value))) return null;
    const row = await ctx.database.db
      .selectFrom('engagement')
      .select('id')
      .where(kind === 'id' ? 'id' : 'code', '=', kind === 'id' ? Number(value) : String(value))
      .executeTakeFirst();
    return row && canAccessEngagement(principal, Number(row.id)) ? Number(row.id) : null;
  }
  return undefined;
}

/**
 * Resolves the caller of every non-public route (session cookie, access JWT or personal token), enforces
 * CSRF for cookie-authenticated writes, and the route's declared permission. Runs before body parsing,
 * so an anonymous caller learns nothing about the endpoint's input.
 */
export function installAuthentication(app: FastifyInstance): void {
  app.decorateRequest('principal', null as unknown as Principal);
  app.decorateRequest('authUser', null as unknown as UserRow);
  app.decorateRequest('authSession', null);
  app.addHook('onRequest', async (request, reply) => {
    const access = (request.routeOptions.config as { access?: RouteAccess } | undefined)?.access;
    if (!access || access === 'public') return;
    if (typeof access === 'object' && 'signedUrl' in access)
      return authenticateSignedUrl(app.ctx, request, reply, access);
    const caller = await resolveCaller(app.ctx, request);
    if (!caller)
      return reply.status(401).send({
        error: 'unauthenticated',
        message: 'Sign in first: this needs an authenticated session or token.',
      });
    if (caller.session && isUnsafeMethod(request.method)) {
      if (
        !isSameOrigin(request, app.ctx.config.publicUrl) ||
        !csrfTokenMatches(request, caller.session.csrfToken)
      )
        return reply.status(403).send({ error: 'csrf', message: new CsrfError().message });
    }
    request.principal = caller.principal;
    request.authUser = caller.user;
    request.authSession = caller.session;
    if (access === 'account' && caller.principal.via === 'api-token')
      return reply.status(403).send({
        error: 'forbidden',
        message: 'A personal token cannot manage its account: sign in with your password.',
      });
    if (typeof access === 'object') {
      // On a route naming an engagement, the codes count only as held there (the caller's role in it).
      const engagementId = await addressedEngagement(app.ctx, request, caller.principal);
      if (engagementId === null)
        return reply.status(404).send({ error: 'not_found', message: 'The engagement was not found.' });
      const held = (code: PermissionCode) =>
        engagementId === undefined
          ? hasPermission(caller.principal, code)
          : hasEngagementPermission(caller.principal, engagementId, code);
      const missing = [access.permission, ...(access.alsoRequires ?? [])].find(
        (code) => !isPermissionCode(code) || !held(code),
      );
      if (missing)
        return reply.status(403).send({
          error: 'forbidden',
          message: `You need the ${missing} permission${engagementId === undefined ? '' : ' in this engagement'} to do this.`,
        });
    }
  });
}
