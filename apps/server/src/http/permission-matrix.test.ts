import { inTransaction } from '@steppingstones/core';
import { addEngagementMember } from '@steppingstones/core/users';
import { writeTransaction } from '@steppingstones/db';
import { testDialects } from '@steppingstones/db/testing';
import { ROLE_PERMISSIONS, ROLE_SLUGS, type RoleSlug } from '@steppingstones/shared';
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
import { buildRequest, probe } from '../testing/matrix-request.ts';
import { ROUTE_SAMPLES } from '../testing/route-samples.ts';

interface Caller {
  user: TestUser;
  client: ApiClient;
}

const holds = (role: RoleSlug, codes: readonly string[]) =>
  codes.every((c) => (ROLE_PERMISSIONS[role] as readonly string[]).includes(c));
/** The least privileged role holding every code; null when none does (instance administration). */
const leastRoleHolding = (codes: readonly string[]) =>
  [...ROLE_SLUGS].reverse().find((r) => holds(r, codes)) ?? null;
const failed = (status: number) => [401, 403, 404].includes(status) || status >= 500;

/**
 * Every API route, called as anonymous, as each role of the route's engagement, as the lead of another
 * engagement, and as a superuser: a role without the route's codes is refused 403; a lead elsewhere gets
 * 404 for anything of this engagement (a signed link: 403); the least privileged role holding the codes
 * (a superuser when none does) is let through, and so is a superuser on every read.
 */
describe.each(testDialects())('permission matrix on %s', (dialect) => {
  let server: TestServer;
  const roles = {} as Record<RoleSlug, Caller>;
  let otherLead: Caller;
  let superuser: Caller;
  const caller = async (username: string, options: Parameters<typeof createTestUser>[1] | object = {}) => {
    const user = await createTestUser(server.ctx, { username, ...options });
    return { user, client: await login(server.url, username) };
  };
  beforeAll(async () => {
    server = await startTestServer(dialect);
    for (const role of ROLE_SLUGS) roles[role] = await caller(`as-${role}`);
    const elsewhere = await createTestEngagement(server.ctx, 'MX-ELSEWHERE');
    otherLead = await caller('lead-elsewhere', { role: 'lead', engagements: [elsewhere.code] });
    superuser = await caller('root', { superuser: true });
  });
  afterAll(() => server.stop());

  it('every non-public API route, by role', { timeout: 900_000 }, async () => {
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
      await writeTransaction(server.ctx.database.db, async (tx) => {
        for (const role of ROLE_SLUGS)
          await addEngagementMember(
            inTransaction(server.ctx.services(), tx),
            engagement.id,
            roles[role].user.id,
            role,
          );
      });
      const codes =
        typeof route.access === 'object'
          ? [
              route.access.permission,
              ...('alsoRequires' in route.access ? (route.access.alsoRequires ?? []) : []),
            ]
          : [];
      const allowedRole = sample.superuser ? null : leastRoleHolding(codes);
      const allowed = await caller(`allowed-${n}`, {
        ...(allowedRole ? { role: allowedRole } : { superuser: true }),
        engagements: [engagement.code],
      });
      const fixture = { ctx: server.ctx, url: server.url, engagement, ...allowed };
      const built = await buildRequest(route, fixture);
      const signed = typeof route.access === 'object' && 'signedUrl' in route.access;
      const signedPath = async (signer: { id: number }) => {
        if (!sample.signedQuery) throw new Error(`${key}: a signed-URL route needs a signedQuery sample`);
        return `${built.path}?${new URLSearchParams(await sample.signedQuery(fixture, signer))}`;
      };
      // A signed-URL route's caller is whoever the link was made for; no cookie or token is sent.
      const as = async (c: Caller) =>
        signed
          ? probe(anonymous(server.url), route.method, await signedPath(c.user), built.body)
          : probe(c.client, route.method, built.path, built.body);
      const check = (who: string, got: { status: number; body: unknown }, want: number | 'allowed') => {
        const ok = want === 'allowed' ? !failed(got.status) : got.status === want;
        if (!ok)
          problems.push(`${key}: ${who} got ${got.status}, expected ${want} (${JSON.stringify(got.body)})`);
      };

      check('anonymous', await probe(anonymous(server.url), route.method, built.path, built.body), 401);
      if (signed) {
        check(
          'a session without a signed URL',
          await probe(allowed.client, route.method, built.path, built.body),
          401,
        );
        const tampered = (await signedPath(allowed.user)).replace(
          /token=([^&]*?)[A-Za-z0-9_-]{4}(&|$)/,
          'token=$1AAAA$2',
        );
        check(
          'a tampered signature',
          await probe(anonymous(server.url), route.method, tampered, built.body),
          403,
        );
      }
      for (const role of ROLE_SLUGS)
        if (codes.length && (sample.superuser || !holds(role, codes)))
          check(`the ${role} role (without ${codes.join(' + ')})`, await as(roles[role]), 403);
      if (built.missingSample) {
        problems.push(built.missingSample);
        continue;
      }
      if (built.engagementScoped)
        check('a lead of another engagement', await as(otherLead), signed ? 403 : 404);
      else if (codes.length && !holds('lead', codes))
        check('a lead of another engagement', await as(otherLead), 403);
      check(`the allowed caller (${allowedRole ?? 'superuser'})`, await as(allowed), 'allowed');
      if (allowedRole && route.method === 'GET') check('a superuser', await as(superuser), 'allowed');
    }
    expect(problems).toEqual([]);
  });
});
