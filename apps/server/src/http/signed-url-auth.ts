import type { AppContext } from '@steppingstones/core';
import { hasPermission, isPermissionCode } from '@steppingstones/core/permissions';
import { redactSignedUrl, signerPrincipal, verifySignedUrl } from '@steppingstones/core/signed-urls';
import type { FastifyReply, FastifyRequest } from 'fastify';

const REOPEN = 'Open the report again in Stepping Stones and use "Open in Navigator" for a fresh link.';

/** The signed path of a request: the route's pattern with its decoded parameters (encoding-independent). */
function signedPath(request: FastifyRequest): string {
  const params = request.params as Record<string, string>;
  return (request.routeOptions.url ?? '').replace(
    /:([A-Za-z0-9_]+)/g,
    (_, name: string) => params[name] ?? '',
  );
}

/**
 * Authenticates a `{ signedUrl }` route by its URL alone: the token must be the HMAC of this purpose,
 * path and query for its user (the key derived for signed URLs from SECRET_KEY_FILE), not expired by
 * the app's clock, and its user must still exist, be active and hold the route's permission now. Any
 * cookie is ignored: the link, not the browser, carries the right. Answers 401 without a token, 410 when
 * it expired, 403 with the reason otherwise.
 */
export async function authenticateSignedUrl(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  access: { signedUrl: string; permission: string },
): Promise<FastifyReply | undefined> {
  const query = new URL(request.url, 'http://signed.invalid').searchParams;
  const check = verifySignedUrl(
    ctx.keys,
    { purpose: access.signedUrl, path: signedPath(request), query },
    ctx.clock.now(),
  );
  if (!check.ok) {
    switch (check.problem) {
      case 'missing':
        return reply.status(401).send({
          error: 'unauthenticated',
          message: `This address works only through a signed link, which carries its own token. ${REOPEN}`,
        });
      case 'expired':
        return reply.status(410).send({
          error: 'link_expired',
          message: `This link expired at ${new Date(check.expiresAt).toISOString()} (links work for a few minutes). ${REOPEN}`,
        });
      default:
        request.log.warn({ url: redactSignedUrl(request.url) }, 'refused a signed URL with a bad signature');
        return reply.status(403).send({
          error: 'bad_signature',
          message: `This link's signature does not match what it asks for: it was altered, cut short or made by another instance. ${REOPEN}`,
        });
    }
  }
  const signer = await signerPrincipal(ctx.database.db, check.signer);
  if (!signer.ok)
    return reply.status(403).send({ error: signer.problem, message: `${signer.message} ${REOPEN}` });
  const code = access.permission;
  // A link naming its engagement is judged by the signer's role there, by the route's service (which
  // says when they are no member any more); any other link by the codes held anywhere.
  const namesEngagement =
    typeof (request.query as { engagement?: unknown } | undefined)?.engagement === 'string';
  if (!isPermissionCode(code) || (!namesEngagement && !hasPermission(signer.principal, code)))
    return reply.status(403).send({
      error: 'forbidden',
      message: `The account that made this link no longer holds the ${code} permission.`,
    });
  request.principal = signer.principal;
  request.authUser = signer.user;
  request.authSession = null;
  return undefined;
}
