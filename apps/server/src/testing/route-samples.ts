import type { TestContext } from '@steppingstones/core/testing';
import type { EngagementDto } from '@steppingstones/shared';
import { ATTACHMENT_ROUTE_SAMPLES } from '../routes/attachments.route-samples.ts';
import { C2_ROUTE_SAMPLES } from '../routes/c2.route-samples.ts';
import { COMMENT_ROUTE_SAMPLES } from '../routes/comments.route-samples.ts';
import { CREDENTIAL_STATS_ROUTE_SAMPLES } from '../routes/credential-stats.route-samples.ts';
import { CREDENTIAL_ROUTE_SAMPLES } from '../routes/credentials.route-samples.ts';
import { EVENT_ROUTE_SAMPLES } from '../routes/events.route-samples.ts';
import { EVENTSTREAM_ROUTE_SAMPLES } from '../routes/eventstream.route-samples.ts';
import { HISTORY_ROUTE_SAMPLES } from '../routes/history.route-samples.ts';
import { JOBS_WEBHOOKS_ROUTE_SAMPLES } from '../routes/jobs-webhooks.route-samples.ts';
import { NAVIGATOR_ROUTE_SAMPLES } from '../routes/navigator.route-samples.ts';
import { ORIGIN_CREDENTIAL_ROUTE_SAMPLES } from '../routes/origin-credentials.route-samples.ts';
import { PLUGIN_ROUTE_SAMPLES } from '../routes/plugins.route-samples.ts';
import type { ApiClient } from './api-client.ts';
import { createTestUser, TEST_PASSWORD, type TestUser } from './test-server.ts';

/** A blue team member of the route's engagement only (its lead may manage their account). */
function memberOnlyOf(f: MatrixFixture, tag: string): Promise<TestUser> {
  return createTestUser(f.ctx, {
    username: `${f.engagement.code}-${tag}`.toLowerCase(),
    role: 'blue-read-only',
    engagements: [f.engagement.code],
  });
}
const memberIdParam = (tag: string) => async (f: MatrixFixture) => ({
  id: String((await memberOnlyOf(f, tag)).id),
});

/** What a sample gets to build its request: a fresh engagement per route, and the allowed caller. */
export interface MatrixFixture {
  ctx: TestContext;
  url: string;
  /** Created for this route alone; the allowed caller is a member, the outsider is not. */
  engagement: EngagementDto;
  /** The caller holding exactly the route's permission (a member of `engagement`). */
  user: TestUser;
  /** `user`, signed in by cookie (with CSRF), for arranging records through the API. */
  client: ApiClient;
}

type Maybe<T> = T | Promise<T>;

export interface RouteSample {
  /** Path parameters; needed for any parameter the generic fallback cannot fill (see below). */
  params?: (f: MatrixFixture) => Maybe<Record<string, string>>;
  query?: (f: MatrixFixture) => Maybe<Record<string, string>>;
  /**
   * Routes with `{ signedUrl }` access: the query of a genuine signed URL made for `signer` (the matrix
   * asks for one per caller, since the link, not a cookie, carries who is calling).
   */
  signedQuery?: (f: MatrixFixture, signer: { id: number }) => Maybe<Record<string, string>>;
  /** A VALID body: with an invalid one the non-member check would see 400 instead of 404. */
  body?: (f: MatrixFixture) => Maybe<unknown>;
  /** The route also requires the superuser flag (e.g. purge). */
  superuser?: boolean;
  /**
   * The route addresses a record of `f.engagement`, so a non-member answers 404. Defaults to true when a
   * path parameter names the engagement (`:engagement`, `:engagementCode`, `:engagement_id`, or `:code`
   * right after `/engagements/`).
   */
  engagementScoped?: boolean;
}

/**
 * Samples for the permission matrix (apps/server/src/http/permission-matrix.test.ts), keyed by
 * `METHOD /url` exactly as Fastify declares the route. A route needs an entry only when the generic
 * fallback cannot build a request for it: a path parameter other than the engagement, or a body that
 * must be valid. Add yours here when you add routes.
 */
export const ROUTE_SAMPLES: Record<string, RouteSample> = {
  ...EVENT_ROUTE_SAMPLES,
  ...EVENTSTREAM_ROUTE_SAMPLES,
  ...HISTORY_ROUTE_SAMPLES,
  ...JOBS_WEBHOOKS_ROUTE_SAMPLES,
  ...PLUGIN_ROUTE_SAMPLES,
  ...NAVIGATOR_ROUTE_SAMPLES,
  ...CREDENTIAL_ROUTE_SAMPLES,
  ...CREDENTIAL_STATS_ROUTE_SAMPLES,
  ...ORIGIN_CREDENTIAL_ROUTE_SAMPLES,
  ...C2_ROUTE_SAMPLES,
  ...COMMENT_ROUTE_SAMPLES,
  ...ATTACHMENT_ROUTE_SAMPLES,
  'PATCH /api/v1/auth/me': { body: () => ({ theme: 'dark' }) },
  'POST /api/v1/auth/password': {
    body: () => ({ current_password: TEST_PASSWORD, new_password: 'Brand-New-Passphrase-42' }),
  },
  'POST /api/v1/tokens': { body: () => ({ name: 'matrix', permissions: [] }) },
  'DELETE /api/v1/tokens/:id': {
    params: async (f) => {
      const res = await f.client.post<{ id: number }>('/api/v1/tokens/', {
        name: 'to revoke',
        permissions: [],
      });
      return { id: String(res.body.id) };
    },
  },
  'POST /api/v1/engagements': {
    body: (f) => ({
      code: `${f.engagement.code}-NEW`,
      name: 'Created by the matrix',
      start_date: '2026-01-01',
      end_date: '2026-12-31',
    }),
  },
  'PATCH /api/v1/engagements/:code': { body: () => ({ name: 'Renamed by the matrix' }) },
  'POST /api/v1/engagements/:code/purge': {
    body: (f) => ({ confirm_code: f.engagement.code }),
    superuser: true,
  },
  'PUT /api/v1/engagements/:code/members': {
    body: (f) => ({ members: [{ username: f.user.username, role: 'lead' }] }),
  },
  'POST /api/v1/engagements/:code/members': {
    body: async (f) => ({ username: (await memberOnlyOf(f, 'add')).username, role: 'operator' }),
  },
  'DELETE /api/v1/engagements/:code/members/:username': {
    params: async (f) => ({ username: (await memberOnlyOf(f, 'rm')).username }),
  },
  'PATCH /api/v1/engagements/:code/preferences': { body: () => ({ event_filter: 'detected=FUL' }) },
  // A lead creates users for the engagement they lead; one elsewhere is told it is no engagement of theirs.
  'POST /api/v1/users': {
    body: (f) => ({
      username: `${f.user.username}-new`,
      password: TEST_PASSWORD,
      memberships: [{ engagement: f.engagement.code, role: 'blue-read-only' }],
    }),
  },
  // Accounts of a blue team member of this engagement only: its lead manages them, others see nothing.
  'GET /api/v1/users/:id': { params: memberIdParam('get'), engagementScoped: true },
  'PATCH /api/v1/users/:id': {
    params: memberIdParam('patch'),
    body: () => ({ display_name: 'M' }),
    engagementScoped: true,
  },
  'POST /api/v1/users/:id/reset-password': {
    params: memberIdParam('reset'),
    body: () => ({ new_password: 'Reset-By-The-Matrix-77' }),
    engagementScoped: true,
  },
  // The backup holds every engagement: only a caller who sees them all (here a superuser) gets it.
  'POST /api/v1/backup': { body: () => ({ password: TEST_PASSWORD }), superuser: true },
  'GET /api/v1/attack/techniques/:id': { params: () => ({ id: 'T1003' }) },
  'GET /api/v1/attack/techniques/:id/subtechniques': { params: () => ({ id: 'T1003' }) },
  'POST /api/v1/suggestions': { body: () => ({ raw_evidence: 'nmap -sV 10.0.0.1' }) },
};

/** Path parameters the fallback fills with the route's engagement (the same rule access checks use). */
export { engagementParam } from '../http/route-access.ts';
