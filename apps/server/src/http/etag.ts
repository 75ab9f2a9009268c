import { ValidationError } from '@steppingstones/core';
import type { FastifyRequest } from 'fastify';

/** An event's ETag is its version: `"7"`. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * The version a client says it edited (`If-Match: "7"`, weak `W/"7"` or bare `7`); undefined without
 * the header or with `*` (then the write applies, last writer wins).
 */
export function ifMatchVersion(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined || header.trim() === '*') return undefined;
  const m = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(header);
  if (!m) throw ValidationError.field('If-Match', 'must be the ETag of the record, e.g. "3"');
  return Number(m[1]);
}
