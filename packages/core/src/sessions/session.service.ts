import crypto from 'node:crypto';
import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import { sha256Hex } from '../auth/hash.ts';
import type { ServiceContext } from '../service-context.ts';
import type { UserRow } from '../users/principal.queries.ts';

export interface SessionPolicy {
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
}

export interface NewSession {
  /** The cookie value (shown to the client only). */
  id: string;
  csrfToken: string;
  expiresAt: number;
}

export interface ActiveSession {
  sessionId: number;
  csrfToken: string;
  user: UserRow;
}

/** last_seen_at is written at most this often, so reads do not turn every request into a write. */
const TOUCH_INTERVAL_MS = 30_000;

export async function createSession(
  ctx: ServiceContext,
  user: UserRow,
  policy: SessionPolicy,
  client: { ip: string; userAgent: string },
  /** Carried over when a session is re-issued (password change), so the open page's token stays valid. */
  keepCsrfToken?: string,
): Promise<NewSession> {
  const id = crypto.randomBytes(32).toString('base64url');
  const csrfToken = keepCsrfToken ?? crypto.randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  const expiresAt = now + policy.sessionAbsoluteMs;
  await pruneExpiredSessions(ctx.db, policy, now);
  await ctx.db
    .insertInto('user_session')
    .values({
      id_hash: sha256Hex(id),
      user_id: user.id,
      csrf_token: csrfToken,
      auth_epoch: user.auth_epoch,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
      ip: client.ip.slice(0, 100),
      user_agent: client.userAgent.slice(0, 500),
    })
    .execute();
  return { id, csrfToken, expiresAt };
}

/**
 * The live session for a cookie value: not past its absolute expiry, not idle too long, its user active
 * and not revoked since (auth epoch). Anything else is deleted and answers null.
 */
export async function findActiveSession(
  ctx: ServiceContext,
  cookieValue: string,
  policy: SessionPolicy,
): Promise<ActiveSession | null> {
  const { db } = ctx;
  const session = await db
    .selectFrom('user_session')
    .selectAll()
    .where('id_hash', '=', sha256Hex(cookieValue))
    .executeTakeFirst();
  if (!session) return null;
  const now = ctx.clock.now();
  const user = await db
    .selectFrom('app_user')
    .selectAll()
    .where('id', '=', session.user_id)
    .executeTakeFirst();
  const live =
    user?.is_active &&
    Number(user.auth_epoch) === Number(session.auth_epoch) &&
    Number(session.expires_at) > now &&
    Number(session.last_seen_at) + policy.sessionIdleMs > now;
  if (!live) {
    await db.deleteFrom('user_session').where('id', '=', session.id).execute();
    return null;
  }
  if (now - Number(session.last_seen_at) > TOUCH_INTERVAL_MS)
    await db.updateTable('user_session').set({ last_seen_at: now }).where('id', '=', session.id).execute();
  return { sessionId: Number(session.id), csrfToken: session.csrf_token, user };
}

export async function deleteSession(db: Kysely<DB>, sessionId: number): Promise<void> {
  await db.deleteFrom('user_session').where('id', '=', sessionId).execute();
}

/** Sessions are checked when presented; the ones nobody presents again are swept at each sign-in. */
async function pruneExpiredSessions(db: Kysely<DB>, policy: SessionPolicy, now: number): Promise<void> {
  await db
    .deleteFrom('user_session')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', now - policy.sessionIdleMs)]))
    .execute();
}
