import https from 'node:https';
import { createSelfSignedCert, createTestContext, type TestContext } from '@steppingstones/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import type { AppServer } from './app-server.ts';

/** GET over https, trusting only the test certificate (so a plain-http answer or another cert fails). */
function httpsGet(
  url: string,
  ca: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca, servername: 'localhost' }, (response) => {
        let body = '';
        response.on('data', (chunk) => {
          body += chunk;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      })
      .on('error', reject);
  });
}

describe('TLS_CERT_FILE / TLS_KEY_FILE', () => {
  const cert = createSelfSignedCert();
  let ctx: TestContext;
  let app: AppServer;
  let url: string;
  beforeAll(async () => {
    ctx = await createTestContext('sqlite', { TLS_CERT_FILE: cert.certFile, TLS_KEY_FILE: cert.keyFile });
    ({ app } = await buildApp(ctx, { serveWeb: false }));
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app?.close();
    await ctx?.dispose();
    cert.remove();
  });

  it('serves https with the configured certificate, with HSTS', async () => {
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const response = await httpsGet(`${url}/healthz`, cert.cert);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ status: 'ok' });
    expect(response.headers['strict-transport-security']).toContain('max-age=');
  });

  it('does not answer plain http on the same port', async () => {
    const plain = url.replace(/^https:/, 'http:');
    await expect(fetch(`${plain}/healthz`)).rejects.toThrow();
  });
});
