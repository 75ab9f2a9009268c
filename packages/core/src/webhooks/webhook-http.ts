import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { checkLiteralHost, guardedLookup, RefusedTargetError } from './ssrf-guard.ts';

export const WEBHOOK_TIMEOUT_MS = 10_000;

export interface WebhookPost {
  url: string;
  secret: string;
  /** The exact JSON text sent (and signed). */
  body: string;
  deliveryId: string;
  allowPrivate: boolean;
  /** When it is sent (epoch ms, the caller's clock): the signature's timestamp. */
  sentAt: number;
  timeoutMs?: number;
}

export interface WebhookPostResult {
  ok: boolean;
  statusCode: number | null;
  latencyMs: number | null;
  error: string | null;
}

/** `t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`: receivers recompute it and reject old timestamps. */
export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const mac = crypto.createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/**
 * POSTs one webhook message with a hard deadline (house rule 4), the SSRF guard, the delivery id and,
 * with a secret, the signature. Never throws: the result says what happened, for the delivery log.
 */
export function postWebhook(post: WebhookPost): Promise<WebhookPostResult> {
  const timeoutMs = post.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(post.url);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('only http and https URLs');
      checkLiteralHost(url.hostname, post.allowPrivate);
    } catch (error) {
      const message =
        error instanceof RefusedTargetError ? error.message : `Invalid URL: ${(error as Error).message}`;
      resolve({ ok: false, statusCode: null, latencyMs: null, error: message });
      return;
    }
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'SteppingStones-Webhook/1',
      'x-steppingstones-delivery': post.deliveryId,
      'content-length': String(Buffer.byteLength(post.body)),
    };
    if (post.secret)
      headers['x-steppingstones-signature'] = signatureHeader(
        post.secret,
        post.body,
        Math.floor(post.sentAt / 1000),
      );
    const client = url.protocol === 'https:' ? https : http;
    let settled = false;
    const finish = (result: WebhookPostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const request = client.request(url, {
      method: 'POST',
      headers,
      lookup: guardedLookup(post.allowPrivate) as never,
      // One connection per delivery: a pooled socket would skip the address check.
      agent: false,
    });
    const timer = setTimeout(() => {
      request.destroy();
      finish({
        ok: false,
        statusCode: null,
        latencyMs: latency(),
        error: `No answer within ${timeoutMs / 1000} s (timed out).`,
      });
    }, timeoutMs);
    request.on('response', (response) => {
      const statusCode = response.statusCode ?? 0;
      // Drain (and cap) the body; only the status matters.
      response.on('data', () => {});
      response.on('end', () => {
        const ok = statusCode >= 200 && statusCode < 300;
        finish({
          ok,
          statusCode,
          latencyMs: latency(),
          error: ok ? null : `The receiver answered HTTP ${statusCode}.`,
        });
      });
      response.on('error', (error) =>
        finish({ ok: false, statusCode, latencyMs: latency(), error: error.message }),
      );
    });
    request.on('error', (error) => {
      const refused = error instanceof RefusedTargetError;
      finish({
        ok: false,
        statusCode: null,
        latencyMs: refused ? null : latency(),
        error: refused ? error.message : `Could not deliver: ${error.message}`,
      });
    });
    request.end(post.body);
  });
}
