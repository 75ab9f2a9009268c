import type { AppContext } from '@steppingstones/core';
import type { FastifyReply } from 'fastify';

export const SESSION_COOKIE = 'ss_session';

/** Secure when the app is reached over https (TLS here, or a PUBLIC_URL behind a TLS proxy). */
export function cookieSecure(ctx: AppContext): boolean {
  return Boolean(ctx.config.tls) || Boolean(ctx.config.publicUrl?.startsWith('https://'));
}

export function setSessionCookie(
  reply: FastifyReply,
  ctx: AppContext,
  value: string,
  expiresAt: number,
): void {
  reply.setCookie(SESSION_COOKIE, value, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: cookieSecure(ctx),
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply, ctx: AppContext): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: cookieSecure(ctx),
  });
}
