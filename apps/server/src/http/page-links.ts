import type { FastifyRequest } from 'fastify';

/**
 * The absolute URL of another page of the same list: the request's own path and filter with the
 * cursor replaced (PUBLIC_URL's origin when configured, so links work behind a proxy).
 */
export function pageLink(
  request: FastifyRequest,
  publicUrl: string | undefined,
  cursor: string | null,
): string | null {
  if (cursor === null) return null;
  const origin = publicUrl ? new URL(publicUrl).origin : `${request.protocol}://${request.host}`;
  const url = new URL(request.url, origin);
  url.searchParams.set('cursor', cursor);
  return url.toString();
}
