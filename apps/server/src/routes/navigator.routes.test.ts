// "Open in Navigator" through the real server: the signed layer URL the ATT&CK Navigator fetches without
// cookies, its CORS answer, and every way a link stops working (clock moved, URL altered, rights lost).

import { Writable } from 'node:stream';
import { createNavigatorLink, NAVIGATOR_LINK_TTL_MS } from '@steppingstones/core/navigator';
import { pluginHostFor } from '@steppingstones/core/plugins';
import { seedPluginFixtures } from '@steppingstones/core/plugins/testing';
import { createTestContext } from '@steppingstones/core/testing';
import { principalForUser } from '@steppingstones/core/users';
import { testDialects } from '@steppingstones/db/testing';
import type { NavigatorLinkDto } from '@steppingstones/shared/navigator';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import {
  type ApiClient,
  createTestEngagement,
  createTestUser,
  login,
  obtainTokens,
  startTestServer,
  type TestServer,
} from '../testing/index.ts';

const PUBLIC_URL = 'https://ss.example.test';
const NAVIGATOR = 'https://mitre-attack.github.io';
const LAYER = 'external-tool-reports/mitre-attack-navigator';
type Available = Extract<NavigatorLinkDto, { available: true }>;

describe.each(testDialects())('Open in Navigator on %s', { timeout: 120_000 }, (dialect) => {
  let server: TestServer;
  let admin: ApiClient;

  /** Signs in a fresh operator of TEST-1 (tests that take rights away use their own). */
  async function operator(username: string): Promise<ApiClient> {
    await createTestUser(server.ctx, { username, groups: ['Red Team Operators'], engagements: ['TEST-1'] });
    return login(server.url, username);
  }

  async function mint(client: ApiClient, query = 'engagement=TEST-1'): Promise<Available> {
    const res = await client.get<NavigatorLinkDto>(`/api/v1/reports/${LAYER}/navigator-link/?${query}`);
    expect(res.status).toBe(200);
    expect(res.body.available).toBe(true);
    return res.body as Available;
  }

  /**
   * Fetches a signed URL as the Navigator does: no cookies, from the Navigator's origin. PUBLIC_URL is
   * the address behind a reverse proxy; here the server listens directly, so only the origin changes.
   */
  function fetchLayer(layerUrl: string, origin: string | null = NAVIGATOR, method = 'GET') {
    const url = new URL(layerUrl);
    return fetch(new URL(url.pathname + url.search, server.url), {
      method,
      headers: origin ? { origin } : {},
    });
  }

  /** The layer URL with one query parameter replaced. */
  function altered(layerUrl: string, name: string, value: (old: string) => string): string {
    const url = new URL(layerUrl);
    url.searchParams.set(name, value(url.searchParams.get(name) ?? ''));
    return url.toString();
  }

  beforeAll(async () => {
    server = await startTestServer(dialect, { env: { PUBLIC_URL } });
    await seedPluginFixtures(server.ctx, 'TEST-1');
    await createTestEngagement(server.ctx, 'OTHER-1');
    await createTestUser(server.ctx, { username: 'boss', superuser: true });
    admin = await login(server.url, 'boss');
  });
  afterAll(() => server.stop());
  afterEach(() => {
    server.ctx.clock.now = () => Date.now();
  });

  it('links to the Navigator with a signed layer URL built from PUBLIC_URL, valid for a few minutes', async () => {
    const op = await operator('op-link');
    const before = Date.now();
    const link = await mint(op, 'engagement=TEST-1&tag=phishing&disableUnused=false&sort=-timestamp');
    expect(link.navigator_url).toBe(`${NAVIGATOR}/attack-navigator/`);
    expect(link.open_url).toBe(
      `${NAVIGATOR}/attack-navigator/#layerURL=${encodeURIComponent(link.layer_url)}`,
    );
    const layer = new URL(link.layer_url);
    expect(layer.origin).toBe(PUBLIC_URL);
    expect(layer.pathname).toBe(`/api/v1/reports/${LAYER}/navigator-layer`);
    expect(layer.searchParams.get('engagement')).toBe('TEST-1');
    expect(layer.searchParams.get('tag')).toBe('phishing');
    expect(layer.searchParams.get('disableUnused')).toBe('false');
    expect(layer.searchParams.has('sort')).toBe(false); // the grid's sorting is not part of a layer
    expect(layer.searchParams.get('token')).toMatch(/^\d+\.\d+\.\d+\.[A-Za-z0-9_-]{43}$/);
    const expires = Date.parse(link.expires_at);
    expect(expires - before).toBeGreaterThanOrEqual(NAVIGATOR_LINK_TTL_MS);
    expect(expires - before).toBeLessThanOrEqual(NAVIGATOR_LINK_TTL_MS + 60_000);
    expect(link.ttl_seconds).toBe(NAVIGATOR_LINK_TTL_MS / 1000);
  });

  it("serves the layer without cookies, with CORS for the Navigator's origin only and no caching", async () => {
    // The layer says when it was generated (to the minute): both downloads below read the same clock.
    const at = Date.now();
    server.ctx.clock.now = () => at;
    const op = await operator('op-fetch');
    const link = await mint(op, 'engagement=TEST-1&tag=phishing');
    const res = await fetchLayer(link.layer_url);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(NAVIGATOR);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('vary')).toContain('Origin');
    const layer = (await res.json()) as {
      versions: { layer: string };
      techniques: { techniqueID: string; enabled: boolean }[];
    };
    expect(layer.versions.layer).toBe('4.5');
    // The filter is the link's: only the phishing event's technique is used.
    expect(layer.techniques.filter((t) => t.enabled).map((t) => t.techniqueID)).toEqual(['T1566']);
    // The same layer the signed-in user downloads from the report's own URL.
    const own = await op.get<unknown>(`/api/v1/reports/${LAYER}/?engagement=TEST-1&tag=phishing`);
    expect(layer).toEqual(own.body);
  });

  it('refuses an expired link with 410, judged by the server clock', async () => {
    const op = await operator('op-expiry');
    const link = await mint(op);
    server.ctx.clock.now = () => Date.parse(link.expires_at) - 1;
    expect((await fetchLayer(link.layer_url)).status).toBe(200);
    server.ctx.clock.now = () => Date.parse(link.expires_at);
    const res = await fetchLayer(link.layer_url);
    expect(res.status).toBe(410);
    // The Navigator can read why (the error carries the CORS header too).
    expect(res.headers.get('access-control-allow-origin')).toBe(NAVIGATOR);
    const body = (await res.json()) as { error: string; message: string };
    expect(body.error).toBe('link_expired');
    expect(body.message).toContain(`expired at ${link.expires_at}`);
  });

  it.each([
    ['engagement', 'engagement', () => 'OTHER-1'],
    ['filter', 'tag', () => 'lateral'],
    ['report parameter', 'disableUnused', () => 'true'],
    ['user', 'token', (t: string) => t.replace(/^\d+/, (id) => String(Number(id) - 1))],
    [
      'expiry',
      'token',
      (t: string) => t.replace(/^(\d+\.\d+\.)(\d+)/, (_, a, e) => `${a}${Number(e) + 3_600_000}`),
    ],
    ['signature', 'token', (t: string) => `${t.slice(0, -4)}${t.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`],
  ])('refuses a link whose %s was altered (403)', async (_, name, change) => {
    const op = await operator(`op-alter-${name}-${Math.random().toString(36).slice(2, 8)}`);
    const link = await mint(op, 'engagement=TEST-1&tag=phishing&disableUnused=false');
    expect((await fetchLayer(link.layer_url)).status).toBe(200);
    const res = await fetchLayer(altered(link.layer_url, name, change));
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toBe('bad_signature');
  });

  it('refuses a link whose path names another report, or whose token is gone', async () => {
    const op = await operator('op-path');
    const link = await mint(op);
    const other = link.layer_url.replace('mitre-attack-navigator', 'ghostwriter-oplog-csv');
    expect((await fetchLayer(other)).status).toBe(403);
    const bare = new URL(link.layer_url);
    bare.searchParams.delete('token');
    const res = await fetchLayer(bare.toString());
    expect(res.status).toBe(401);
    // A session cookie is no substitute: the link alone carries the right.
    const withCookie = await fetch(new URL(bare.pathname + bare.search, server.url), {
      headers: { cookie: op.cookie },
    });
    expect(withCookie.status).toBe(401);
  });

  it('re-checks membership when fetched: a user taken off the engagement loses the link', async () => {
    const op = await operator('op-member');
    const link = await mint(op);
    expect((await fetchLayer(link.layer_url)).status).toBe(200);
    const members = await admin.put('/api/v1/engagements/TEST-1/members', {
      members: [{ username: 'operator', role: 'operator' }],
    });
    expect(members.status).toBe(200);
    const res = await fetchLayer(link.layer_url);
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: string; message: string };
    expect(body.error).toBe('link_refused');
    expect(body.message).toContain('no longer a member of the engagement "TEST-1"');
  });

  it('re-checks the account when fetched: deactivated or password changed', async () => {
    const inactive = await operator('op-inactive');
    const revoked = await operator('op-revoked');
    const [a, b] = [await mint(inactive), await mint(revoked)];
    const users = (await admin.get<{ results: { id: number; username: string }[] }>('/api/v1/users/')).body
      .results;
    const id = (name: string) => users.find((u) => u.username === name)!.id;

    expect((await admin.patch(`/api/v1/users/${id('op-inactive')}/`, { is_active: false })).status).toBe(200);
    const res = await fetchLayer(a.layer_url);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toBe('signer_inactive');

    const reset = await admin.post(`/api/v1/users/${id('op-revoked')}/reset-password`, {
      new_password: 'Another-Long-Passphrase-31',
    });
    expect(reset.status).toBe(204);
    const res2 = await fetchLayer(b.layer_url);
    expect(res2.status).toBe(403);
    expect(((await res2.json()) as { error: string }).error).toBe('signer_revoked');
  });

  it('re-checks the plugin when fetched: a disabled plugin refuses its links', async () => {
    const op = await operator('op-plugin');
    const link = await mint(op);
    expect((await admin.patch('/api/v1/plugins/external-tool-reports/', { enabled: false })).status).toBe(
      200,
    );
    try {
      const res = await fetchLayer(link.layer_url);
      expect(res.status).toBe(403);
      const body = (await res.json()) as { error: string; message: string };
      expect(body.error).toBe('link_refused');
      expect(body.message).toContain('disabled by an administrator');
      // Nor can a new link be made.
      expect((await op.get(`/api/v1/reports/${LAYER}/navigator-link/?engagement=TEST-1`)).status).toBe(404);
    } finally {
      await admin.patch('/api/v1/plugins/external-tool-reports/', { enabled: true });
    }
    expect((await fetchLayer(link.layer_url)).status).toBe(200);
  });

  it('gives other sites no CORS header and refuses them; answers the preflight for the Navigator only', async () => {
    const op = await operator('op-cors');
    const link = await mint(op);
    const foreign = await fetchLayer(link.layer_url, 'https://evil.example');
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect(((await foreign.json()) as { error: string }).error).toBe('origin_not_allowed');
    // Without an Origin (a download, curl) the layer is served.
    expect((await fetchLayer(link.layer_url, null)).status).toBe(200);

    const url = new URL(link.layer_url);
    const preflight = (origin: string) =>
      fetch(new URL(url.pathname + url.search, server.url), {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-private-network': 'true',
        },
      });
    const ok = await preflight(NAVIGATOR);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(NAVIGATOR);
    expect(ok.headers.get('access-control-allow-methods')).toBe('GET');
    expect(ok.headers.get('access-control-allow-private-network')).toBe('true');
    expect(ok.headers.get('access-control-allow-credentials')).toBeNull();
    const refused = await preflight('https://evil.example');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('makes links only for Navigator layer reports, valid parameters and personal sessions', async () => {
    const op = await operator('op-mint');
    const html = await op.get(
      '/api/v1/reports/html-reports/html-event-logs/navigator-link/?engagement=TEST-1',
    );
    expect(html.status).toBe(404);
    const bad = await op.get<{ message: string }>(
      `/api/v1/reports/${LAYER}/navigator-link/?engagement=TEST-1&disableUnused=maybe`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('disableUnused');
    expect((await op.get(`/api/v1/reports/${LAYER}/navigator-link/?engagement=OTHER-1`)).status).toBe(404);
    // A personal token's narrower scope could not travel with the link.
    const token = await op.post<{ token: string }>('/api/v1/tokens/', {
      name: 'scoped',
      permissions: ['event.view', 'report.view'],
    });
    expect(token.status).toBe(201);
    const viaToken = await fetch(
      new URL(`/api/v1/reports/${LAYER}/navigator-link/?engagement=TEST-1`, server.url),
      {
        headers: { authorization: `Bearer ${token.body.token}` },
      },
    );
    expect(viaToken.status).toBe(403);
    // An access JWT carries the whole user: allowed.
    const { access } = await obtainTokens(server.url, 'op-mint');
    const viaJwt = await fetch(
      new URL(`/api/v1/reports/${LAYER}/navigator-link/?engagement=TEST-1`, server.url),
      {
        headers: { authorization: `Bearer ${access}` },
      },
    );
    expect(viaJwt.status).toBe(200);
  });

  it('explains instead of linking where the Navigator could not fetch the layer', async () => {
    const host = await pluginHostFor(server.ctx);
    const db = server.ctx.database.db;
    const boss = await db
      .selectFrom('app_user')
      .selectAll()
      .where('username', '=', 'boss')
      .executeTakeFirstOrThrow();
    const principal = await principalForUser(db, boss, 'session');
    const linkWith = (config: Partial<typeof server.ctx.config>) =>
      createNavigatorLink({ ...server.ctx, config: { ...server.ctx.config, ...config } }, host, {
        pluginId: 'external-tool-reports',
        key: 'mitre-attack-navigator',
        principal,
        query: { engagement: 'TEST-1' },
      });
    expect(await linkWith({ publicUrl: undefined })).toMatchObject({
      available: false,
      reason: 'public_url_unset',
    });
    expect(await linkWith({ publicUrl: 'http://ss.internal:8000' })).toMatchObject({
      available: false,
      reason: 'public_url_not_https',
      public_url: 'http://ss.internal:8000',
    });
    // A Navigator served over http (self-hosted) may fetch an http layer: no mixed content.
    const selfHosted = await linkWith({
      publicUrl: 'http://ss.internal:8000',
      navigatorUrl: 'http://nav.internal/',
    });
    expect(selfHosted).toMatchObject({ available: true });
    expect((selfHosted as Available).open_url).toMatch(
      /^http:\/\/nav\.internal\/#layerURL=http%3A%2F%2Fss\.internal%3A8000%2F/,
    );
  });
});

describe.each(testDialects())('signed layer URLs in the logs on %s', { timeout: 120_000 }, (dialect) => {
  it('logs the requests without their token', async () => {
    const lines: string[] = [];
    const ctx = await createTestContext(dialect, { PUBLIC_URL });
    ctx.logger = pino(
      { level: 'debug' },
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const { app } = await buildApp(ctx, { serveWeb: false });
    try {
      const url = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('[::1]', '127.0.0.1');
      await seedPluginFixtures(ctx, 'TEST-1');
      await createTestUser(ctx, { username: 'op', groups: ['Red Team Operators'], engagements: ['TEST-1'] });
      const op = await login(url, 'op');
      const link = (await op.get<Available>(`/api/v1/reports/${LAYER}/navigator-link/?engagement=TEST-1`))
        .body;
      const layer = new URL(link.layer_url);
      const path = layer.pathname + layer.search;
      expect((await fetch(new URL(path, url), { headers: { origin: NAVIGATOR } })).status).toBe(200);
      expect((await fetch(new URL(`${path.slice(0, -3)}xyz`, url))).status).toBe(403);
      expect(
        (await fetch(new URL(path, url), { method: 'OPTIONS', headers: { origin: NAVIGATOR } })).status,
      ).toBe(204);

      const log = lines.join('');
      const signature = layer.searchParams.get('token')!.split('.')[3]!;
      expect(log).toContain('navigator-layer?engagement=TEST-1&token=[redacted]');
      expect(log).toContain('refused a signed URL with a bad signature');
      expect(log).not.toContain(signature);
      expect(log).not.toContain(signature.slice(0, 20));
    } finally {
      await app.close();
      await ctx.dispose();
    }
  });
});
