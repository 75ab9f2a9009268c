import type { ListEnvelope } from '@steppingstones/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { pageLink } from './page-links.ts';

/**
 * `limit` is the alias of `page_size` on every list route (`pageQueryShape` in
 * packages/shared/src/pagination.ts): copied before validation, so a route reads only `page_size`
 * and the schema's default applies when neither is given.
 */
export function installPageSizeAlias(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const query = request.query as Record<string, unknown> | undefined;
    if (query && query.limit !== undefined && query.page_size === undefined) query.page_size = query.limit;
  });
}

/** One page as core answers it: the items and the opaque cursors of its neighbours. */
export interface CursorPage<T> {
  count: number | string;
  results: T[];
  next: string | null;
  previous: string | null;
}

/**
 * The list envelope of a page: `next` / `previous` become absolute URLs of the same request with the
 * cursor replaced (PUBLIC_URL's origin when configured).
 */
export function listPage<T>(
  request: FastifyRequest,
  publicUrl: string | undefined,
  page: CursorPage<T>,
): ListEnvelope<T> {
  return {
    count: page.count,
    next: pageLink(request, publicUrl, page.next),
    previous: pageLink(request, publicUrl, page.previous),
    results: page.results,
  };
}
