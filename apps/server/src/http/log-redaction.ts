import type { FastifyRequest } from 'fastify';

/**
 * Query parameters whose values never reach the log: signed-URL tokens (they grant access) and search
 * terms (users search for hashes, passwords and client names).
 */
const REDACTED_QUERY_PARAMS = ['token', 'search'];

const pattern = new RegExp(`([?&](?:${REDACTED_QUERY_PARAMS.join('|')})=)[^&#]*`, 'gi');

/** The URL with the values of the redacted query parameters replaced by `[redacted]`. */
export function redactUrlForLog(url: string): string {
  return url.replace(pattern, '$1[redacted]');
}

/** Fastify's request serializer, with the URL redacted. */
export function requestLogSerializer(req: FastifyRequest) {
  return {
    method: req.method,
    url: redactUrlForLog(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}
