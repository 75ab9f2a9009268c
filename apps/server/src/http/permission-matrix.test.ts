import { addEngagementMember } from '@steppingstones/core/users';
import { writeTransaction } from '@steppingstones/db';
import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiClient,
  anonymous,
  createTestEngagement,
  createTestUser,
  login,
  startTestServer,
  type TestServer,
  type TestUser,
} from '../testing/index.ts';
import { engagementParam, type MatrixFixture, ROUTE_SAMPLES } from '../testing/route-samples.ts';
import type { DeclaredRoute } from './route-access.ts';

interface BuiltRequest {
  path: string;
  body: unknown;
  engagementScoped: boolean;
  /** Set when a path parameter could not be filled: only the 401 / 403 checks (before any handler) apply. */
  missingSample?: string;
}

/** Builds the request for a route from its sample, else the generic fallback. */
async function buildRequest(route: DeclaredRoute, f: MatrixFixture): Promise<BuiltRequest> {
  const key = `${route.method} ${route.url}`;
  const sample = ROUTE_SAMPLES[key] ?? {};
  const given = sample.params ? await sample.params(f) : {};
  let scoped = false;
  const missing: string[] = [];
  const path = route.url.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const kind = engagementParam(route.url, name);
    if (kind) scoped = true;
    const value =
      given[name] ??
      (kind === 'code' ? f.engagement.code : kind === 'id' ? String(f.engagement.id) : undefined);
    if (value === undefined) missing.push(`:${name}`);
    return encodeURIComponent(value ?? '0');
  });
  const missingSample = missing.length
    ? `${key}: the permission matrix cannot fill ${missing.join(', ')}. Add an entry for "${key}" to ROUTE_SAMPLES in apps/server/src/testing/route-samples.ts.`
    : undefined;
  const query = sample.query ? `?${new URLSearchParams(await sample.query(f))}` : '';
  const body = sample.body ? await sample.body(f) : ['GET', 'DELETE'].includes(route.method) ? undefined : {};
  return {
    path: path + query,
    body,
    engagementScoped: sample.engagementScoped ?? scoped,
    ...(missingSample ? { missingSample } : {}),
  };
}

/**
 * One request as `c` would send it (cookie, CSRF header, Origin), reading the body only when it is not
 * a stream: an allowed Server-Sent Events route answers 200 and would never end.
 */
async function probe(
  c: ApiClient,
  method: string,
  path: string,
  body: unknown,
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (c.cookie) headers.cookie = c.cookie;
  if (method !== 'GET') {
    headers.origin = c.url;
    if (c.csrfToken) headers['x-csrf-token'] = c.csrfToken;
  }
  if (body !== undefined) headers['content-type'] = 'application/json';
  const controller = new AbortController();
  const res = await fetch(new URL(path, c.url), {
    method,
    headers,
    signal: controller.signal,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if ((res.headers.get('content-type') ?? '').includes('text/event-stream')) {
    controller.abort();
    return { status: res.status, body: '(event stream)' };
  }
  const text = await res.text();
  return { status: res.status, body: text.slice(0, 300) };
}

describe.each(testDialects())('permission matrix on %s', (dialect) => {
  let server: TestServer;
  let noPerm: ApiClient;
  let noPermUser: TestUser;
  let outsider: ApiClient;
  let outsiderUser: TestUser;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    noPermUser = await createTestUser(server.ctx, { username: 'noperm', permissions: [] });
    noPerm = await login(server.url, 'noperm');
    // Every code (not superuser), but a member of no engagement: sees nothing of others.
    outsiderUser = await createTestUser(server.ctx, { username: 'outsider', groups: ['Administrators'] });
    outsider = await login(server.url, 'outsider');
  });
  afterAll(() => server.stop());

  it('every non-public API route: 401 anonymous, 403 without the permission, 404 for a non-member, else allowed', {
    timeout: 600_000,
  }, async () => {
    const routes = [
      ...new Map(
        server.routes
          .filter((r) => r.url.startsWith('/api/') && r.access !== 'public')
          .map((r) => [`${r.method} ${r.url}`, r] as const),
      ).values(),
    ];
    expect(routes.length).toBeGreaterThan(10);
    const problems: string[] = [];
    let n = 0;
    for (const route of routes) {
      n++;
      const key = `${route.method} ${route.url}`;
      const sample = ROUTE_SAMPLES[key] ?? {};
      const engagement = await createTestEngagement(server.ctx, `MX-${n}`);
      await writeTransaction(server.ctx.database.db, (tx) =>
        addEngagementMember(tx, engagement.id, noPermUser.id),
      );
      const permission = typeof route.access === 'object' ? route.access.permission : null;
      const alsoRequires =
        typeof route.access === 'object' && 'alsoRequires' in route.access
          ? (route.access.alsoRequires ?? [])
          : [];
      const user = await createTestUser(server.ctx, {
        username: `allowed-${n}`,
        permissions: permission ? [permission, ...alsoRequires] : [],
        engagements: [engagement.code],
        superuser: sample.superuser ?? false,
      });
      const client = await login(server.url, user.username);
      const fixture = { ctx: server.ctx, url: server.url, engagement, user, client };
      const built = await buildRequest(route, fixture);
      const call = (c: ApiClient) => probe(c, route.method, built.path, built.body);
      // A signed-URL route's caller is whoever the link was made for; no cookie or token is sent.
      const signed = typeof route.access === 'object' && 'signedUrl' in route.access;
      const signedPath = async (signer: { id: number }) => {
        if (!sample.signedQuery) throw new Error(`${key}: a signed-URL route needs a signedQuery sample`);
        return `${built.path}?${new URLSearchParams(await sample.signedQuery(fixture, signer))}`;
      };
      const as = async (c: ApiClient, signer: { id: number }) =>
        signed ? probe(anonymous(server.url), route.method, await signedPath(signer), built.body) : call(c);

      const anon = await call(anonymous(server.url));
      if (anon.status !== 401) problems.push(`${key}: anonymous got ${anon.status}, expected 401`);
      if (signed) {
        const cookieOnly = await call(client);
        if (cookieOnly.status !== 401)
          problems.push(`${key}: a session without a signed URL got ${cookieOnly.status}, expected 401`);
        const tampered = (await signedPath(user)).replace(
          /token=([^&]*?)[A-Za-z0-9_-]{4}(&|$)/,
          'token=$1AAAA$2',
        );
        const forged = await probe(anonymous(server.url), route.method, tampered, built.body);
        if (forged.status !== 403)
          problems.push(`${key}: a tampered signature got ${forged.status}, expected 403`);
      }
      if (permission) {
        const denied = await as(noPerm, noPermUser);
        if (denied.status !== 403)
          problems.push(`${key}: a member without ${permission} got ${denied.status}, expected 403`);
      }
      if (alsoRequires.length) {
        // Holding the main code alone is not enough: every code listed must be held.
        const partial = await createTestUser(server.ctx, {
          username: `partial-${n}`,
          permissions: [permission as string],
          engagements: [engagement.code],
        });
        const refused = await call(await login(server.url, partial.username));
        if (refused.status !== 403)
          problems.push(
            `${key}: a member with ${permission} but without ${alsoRequires.join(', ')} got ${refused.status}, expected 403`,
          );
      }
      if (built.missingSample) {
        problems.push(built.missingSample);
        continue;
      }
      if (built.engagementScoped) {
        // A signed link is refused, not hidden: whoever holds it already knows the engagement.
        const expected = signed ? 403 : 404;
        const hidden = await as(outsider, outsiderUser);
        if (hidden.status !== expected)
          problems.push(
            `${key}: a non-member holding every code got ${hidden.status}, expected ${expected} (${JSON.stringify(hidden.body)})`,
          );
      }
      const allowed = await as(client, user);
      if ([401, 403, 404].includes(allowed.status) || allowed.status >= 500)
        problems.push(`${key}: the allowed caller got ${allowed.status}: ${JSON.stringify(allowed.body)}`);
    }
    expect(problems).toEqual([]);
  });
});
