import { type AppContext, ValidationError } from '@steppingstones/core';
import { authenticateWithPassword } from '@steppingstones/core/auth';
import { createSession, deleteSession } from '@steppingstones/core/sessions';
import {
  activeUserById,
  buildMe,
  changeOwnPassword,
  principalForUser,
  type UserRow,
  updatePreferences,
} from '@steppingstones/core/users';
import {
  loginSchema,
  meResponseSchema,
  passwordChangeSchema,
  preferencesSchema,
  sessionResponseSchema,
} from '@steppingstones/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppServer } from '../app-server.ts';
import { resolveCaller } from '../http/authenticate.ts';
import { CsrfError, isSameOrigin } from '../http/csrf.ts';
import { auditActor } from '../http/request-actor.ts';
import { requestServices } from '../http/request-services.ts';
import { clearSessionCookie, setSessionCookie } from '../http/session-cookie.ts';

async function startSession(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  user: UserRow,
  keepCsrfToken?: string,
) {
  const session = await createSession(
    requestServices(request),
    user,
    ctx.config,
    { ip: request.ip, userAgent: String(request.headers['user-agent'] ?? '') },
    keepCsrfToken,
  );
  setSessionCookie(reply, ctx, session.id, session.expiresAt);
  const principal = await principalForUser(ctx.database.db, user, 'session');
  return { user: await buildMe(ctx.database.db, user, principal), csrfToken: session.csrfToken };
}

export async function authRoutes(app: AppServer): Promise<void> {
  const { ctx } = app;
  const db = ctx.database.db;

  app.post(
    '/api/v1/auth/login',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], body: loginSchema, response: { 200: meResponseSchema } },
    },
    async (request, reply) => {
      // Login CSRF: a foreign page must not sign a victim into the attacker's account.
      if (!isSameOrigin(request, ctx.config.publicUrl)) throw new CsrfError('Sign in from the app itself.');
      const user = await authenticateWithPassword(requestServices(request), {
        ...request.body,
        ip: request.ip,
        via: 'session',
      });
      return startSession(ctx, request, reply, user);
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { config: { access: 'authenticated' }, schema: { tags: ['auth'] } },
    async (request, reply) => {
      if (request.authSession) await deleteSession(db, request.authSession.id);
      clearSessionCookie(reply, ctx);
      return reply.status(204).send();
    },
  );

  // The web app's first question. /auth/me answers 401 to nobody (API clients rely on it); this one
  // answers 200 with no user, so opening the sign-in page makes no failed request.
  app.get(
    '/api/v1/auth/session',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], response: { 200: sessionResponseSchema } },
    },
    async (request) => {
      const caller = await resolveCaller(ctx, request);
      if (!caller) return { user: null, csrfToken: null };
      return {
        user: await buildMe(db, caller.user, caller.principal),
        csrfToken: caller.session?.csrfToken ?? '',
      };
    },
  );

  app.get(
    '/api/v1/auth/me',
    { config: { access: 'authenticated' }, schema: { tags: ['auth'], response: { 200: meResponseSchema } } },
    async (request) => ({
      user: await buildMe(db, request.authUser, request.principal),
      csrfToken: request.authSession?.csrfToken ?? '',
    }),
  );

  app.patch(
    '/api/v1/auth/me',
    {
      config: { access: 'account' },
      schema: { tags: ['auth'], body: preferencesSchema, response: { 200: meResponseSchema } },
    },
    async (request) => {
      await updatePreferences(requestServices(request), request.principal, request.body);
      const user = await activeUserById(db, request.principal.userId);
      if (!user) throw ValidationError.field('user', 'Your account is no longer active.');
      return {
        user: await buildMe(db, user, request.principal),
        csrfToken: request.authSession?.csrfToken ?? '',
      };
    },
  );

  app.post(
    '/api/v1/auth/password',
    { config: { access: 'account' }, schema: { tags: ['auth'], body: passwordChangeSchema } },
    async (request, reply) => {
      await changeOwnPassword(
        requestServices(request),
        request.principal.userId,
        request.body,
        auditActor(request),
      );
      // Every session and token ended with the change; the browser that made it keeps a fresh session.
      if (request.authSession) {
        const user = await activeUserById(db, request.principal.userId);
        if (user) await startSession(ctx, request, reply, user, request.authSession.csrfToken);
      }
      return reply.status(204).send();
    },
  );
}
