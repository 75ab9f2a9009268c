import crypto from 'node:crypto';
import { DomainError } from '@steppingstones/core';
import type { FastifyRequest } from 'fastify';
import { hostnameOf } from './allowed-hosts.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isUnsafeMethod(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * A browser request is same-origin when its `Sec-Fetch-Site` (if sent) says so and its `Origin` (if
 * sent) names the host the request was addressed to. Non-browser clients send neither; they are
 * covered by the CSRF token (cookie writes) or do not use cookies at all.
 */
export function isSameOrigin(request: FastifyRequest, publicUrl: string | undefined): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return false;
  const origin = request.headers.origin;
  if (typeof origin !== 'string') return true;
  let originHost: string;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    return false;
  }
  const host = (request.headers.host ?? '').toLowerCase();
  if (originHost === host) return true;
  if (publicUrl && originHost === new URL(publicUrl).host.toLowerCase()) return true;
  // Same host name on the default port spelled differently (e.g. `localhost` vs `localhost:80`).
  return hostnameOf(originHost) === hostnameOf(host) && !/:\d+$/.test(host) && !/:\d+$/.test(originHost);
}

export function csrfTokenMatches(request: FastifyRequest, expected: string): boolean {
  const presented = request.headers['x-csrf-token'];
  if (typeof presented !== 'string' || !presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** 403 `{error:'csrf'}`: a cross-site or token-less cookie write. */
export class CsrfError extends DomainError {
  override readonly status = 403;
  override readonly code = 'csrf';
  constructor(
    message = 'The request lacks a valid X-CSRF-Token header or comes from another site. Reload the page and retry.',
  ) {
    super(message);
  }
}
