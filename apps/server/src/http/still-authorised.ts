import type { AppContext } from '@steppingstones/core';
import type { Principal } from '@steppingstones/core/permissions';
import { findActiveSession } from '@steppingstones/core/sessions';
import { activeUserById, principalForUser, type UserRow } from '@steppingstones/core/users';
import type { FastifyRequest } from 'fastify';
import { requestServices } from './request-services.ts';
import { SESSION_COOKIE } from './session-cookie.ts';

/**
 * Re-reads a long-lived request's caller (live streams): the session must still exist (not logged out,
 * not expired, not revoked by a password change or deactivation) and the principal is rebuilt, so
 * membership and permission changes apply to a stream that is already open. Null means: end it.
 */
export async function refreshPrincipal(
  ctx: AppContext,
  request: FastifyRequest,
  original: UserRow,
): Promise<Principal | null> {
  const db = ctx.database.db;
  const cookie = request.cookies[SESSION_COOKIE];
  if (request.authSession && cookie) {
    const session = await findActiveSession(requestServices(request), cookie, ctx.config);
    if (!session || Number(session.user.id) !== Number(original.id)) return null;
    return principalForUser(db, session.user, 'session');
  }
  const user = await activeUserById(db, Number(original.id));
  if (!user || Number(user.auth_epoch) !== Number(original.auth_epoch)) return null;
  return principalForUser(db, user, request.principal.via);
}
