import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** Per-request nonce for the styles the UI library injects (CSP `style-src 'nonce-…'`). */
    cspNonce: string;
  }
}

/**
 * The CSP of the app's own pages: everything local, styles only with this request's nonce.
 * `'wasm-unsafe-eval'` lets the page compile WebAssembly (the in-browser file hashing) without
 * allowing JavaScript eval.
 */
export function appContentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Every powerful browser feature denied: the app uses none of them. Only names Chromium knows: an
 * unknown one (ambient-light-sensor, web-share) makes it log an error on every page load.
 */
const DENIED_FEATURES = [
  'accelerometer',
  'autoplay',
  'camera',
  'display-capture',
  'encrypted-media',
  'fullscreen',
  'gamepad',
  'geolocation',
  'gyroscope',
  'hid',
  'identity-credentials-get',
  'idle-detection',
  'local-fonts',
  'magnetometer',
  'microphone',
  'midi',
  'otp-credentials',
  'payment',
  'picture-in-picture',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'storage-access',
  'usb',
  'xr-spatial-tracking',
];
export const PERMISSIONS_POLICY = DENIED_FEATURES.map((f) => `${f}=()`).join(', ');

export function installSecurityHeaders(app: FastifyInstance, options: { https: boolean }): void {
  app.decorateRequest('cspNonce', '');
  app.addHook('onRequest', async (request) => {
    request.cspNonce = crypto.randomBytes(16).toString('base64');
  });
  app.addHook('onSend', async (request, reply, payload) => {
    // A route that set its own CSP (plugin report HTML in a sandbox) keeps it.
    if (!reply.hasHeader('content-security-policy'))
      reply.header('content-security-policy', appContentSecurityPolicy(request.cspNonce));
    reply.header('x-content-type-options', 'nosniff');
    // The id in every log line of this request: a user can quote it, an operator can find the logs.
    reply.header('x-request-id', request.id);
    reply.header('referrer-policy', 'same-origin');
    reply.header('permissions-policy', PERMISSIONS_POLICY);
    reply.header('cross-origin-opener-policy', 'same-origin');
    if (!reply.hasHeader('x-frame-options')) reply.header('x-frame-options', 'DENY');
    if (options.https) reply.header('strict-transport-security', 'max-age=31536000');
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
    return payload;
  });
}
