import type { FastifyRequest } from 'fastify';

/**
 * The absolute URL of another page of the same list: the request's own path and filter with the
 * cursor replaced, on PUBLIC_URL's origin when configured (so links work behind a proxy), else on the
 * request's host, which the allowed-hosts hook has checked. Only the path of an absolute-form request
 * line is kept: its host never leaks into a link.
 */
export function pageLink(
  request: FastifyRequest,
  publicUrl: string | undefined,
  cursor: string | null,
): string | null {
  if (cursor === null) return null;
  const origin = publicUrl ? new URL(publicUrl).origin : `${request.protocol}://${request.host}`;
  const target = new URL(request.url, 'http://placeholder');
  const url = new URL(target.pathname + target.search, origin);
  url.searchParams.set('cursor', cursor);
  return url.toString();
}
