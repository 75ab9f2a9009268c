import { type AppContext, type Clock, inTransaction, serviceContext } from '@steppingstones/core';
import { createEngagement } from '@steppingstones/core/engagements';
import { ensureSetupToken } from '@steppingstones/core/setup';
import { createTestContext, type TestContext } from '@steppingstones/core/testing';
import { hashPassword, insertUser, strongestRole } from '@steppingstones/core/users';
import { type DialectName, writeTransaction } from '@steppingstones/db';
import { type EngagementDto, ROLE_PERMISSIONS, ROLE_SLUGS, type RoleSlug } from '@steppingstones/shared';
import { buildApp } from '../app.ts';
import type { AppServer } from '../app-server.ts';
import type { DeclaredRoute } from '../http/route-access.ts';
import { type ApiClient, createClient, sessionCookieFrom } from './api-client.ts';

export interface TestServer {
  /** Base URL, e.g. `http://127.0.0.1:41234` (real HTTP on a random port). */
  url: string;
  ctx: TestContext;
  app: AppServer;
  /** Every declared route with its access, as buildApp returned it. */
  routes: DeclaredRoute[];
  /** The first-run setup token (null once a user exists), as the server prints it at start. */
  setupToken(): Promise<string | null>;
  stop(): Promise<void>;
}

/** A real server on a fresh, migrated database of the dialect; `stop()` removes everything. */
export async function startTestServer(
  dialect: DialectName,
  /** `clock`: a fixed clock (`fixedClock()`) where a test asserts stored times or expiries. */
  options: { env?: Record<string, string>; clock?: Clock } = {},
): Promise<TestServer> {
  const ctx = await createTestContext(dialect, options.env ?? {}, { clock: options.clock });
  const { app, routes } = await buildApp(ctx, { serveWeb: false });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: address.replace('[::1]', '127.0.0.1'),
    ctx,
    app,
    routes,
    setupToken: () => ensureSetupToken(ctx.services(null), ctx.config.setupTokenFile),
    async stop() {
      await app.close();
      await ctx.dispose();
    },
  };
}

export const TEST_PASSWORD = 'Correct-Horse-Battery-9';

export interface TestUserOptions {
  username: string;
  /** Defaults to TEST_PASSWORD. */
  password?: string;
  /** The role in each of `engagements`, by slug or name (e.g. 'operator', 'Red Team Operators'). */
  role?: string;
  /** Role names as `role` (the most privileged applies); kept for the tests written with groups. */
  groups?: string[];
  /**
   * Codes the user needs: they get the least privileged role granting all of them (an error when no
   * role does: instance administration is the superuser's).
   */
  permissions?: string[];
  /** Engagement codes the user is a member of, each with `role`. */
  engagements?: string[];
  superuser?: boolean;
  active?: boolean;
}

export interface TestUser {
  id: number;
  username: string;
  password: string;
}

/** The least privileged role granting every code in `codes`. */
export function roleGranting(codes: readonly string[]): RoleSlug {
  const role = [...ROLE_SLUGS]
    .reverse()
    .find((r) => codes.every((c) => (ROLE_PERMISSIONS[r] as readonly string[]).includes(c)));
  if (!role) throw new Error(`No role grants all of ${codes.join(', ')}: make the test user a superuser.`);
  return role;
}

/** Creates a user straight in the database (no HTTP, no audit), for test arrangement. */
export async function createTestUser(ctx: AppContext, options: TestUserOptions): Promise<TestUser> {
  const password = options.password ?? TEST_PASSWORD;
  const hash = await hashPassword(password);
  const roles = [
    ...(options.role ? [options.role] : []),
    ...(options.groups ?? []),
    ...(options.permissions ? [roleGranting(options.permissions)] : []),
  ];
  const user = await writeTransaction(ctx.database.db, (tx) =>
    insertUser(
      inTransaction(serviceContext(ctx, null), tx),
      {
        username: options.username,
        password,
        memberships: (options.engagements ?? []).map((engagement) => ({
          engagement,
          role: strongestRole(roles),
        })),
        is_superuser: options.superuser ?? false,
        is_active: options.active ?? true,
      },
      hash,
    ),
  );
  return { id: Number(user.id), username: user.username, password };
}

/** Creates an engagement (dates default to the current year). */
export async function createTestEngagement(
  ctx: AppContext,
  code: string,
  fields: { name?: string; start_date?: string; end_date?: string; description?: string } = {},
): Promise<EngagementDto> {
  const year = new Date(ctx.clock.now()).getUTCFullYear();
  return createEngagement(serviceContext(ctx, null), {
    code,
    name: fields.name ?? `Engagement ${code}`,
    start_date: fields.start_date ?? `${year}-01-01`,
    end_date: fields.end_date ?? `${year}-12-31`,
    description: fields.description ?? '',
  });
}

/** Signs in through `POST /api/v1/auth/login/` like the web app; throws if it fails. */
export async function login(
  url: string,
  username: string,
  password: string = TEST_PASSWORD,
): Promise<ApiClient> {
  const anonymous = createClient(url);
  const res = await anonymous.post<{ csrfToken?: string; message?: string }>('/api/v1/auth/login/', {
    username,
    password,
  });
  const cookie = sessionCookieFrom(res.headers);
  if (res.status !== 200 || !cookie || !res.body.csrfToken)
    throw new Error(`login as ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return createClient(url, { cookie, csrfToken: res.body.csrfToken });
}

/** A client authenticating with `Authorization: Bearer <token>` (access JWT or personal `sst_` token). */
export function bearer(url: string, token: string): ApiClient {
  return createClient(url, { bearer: token });
}

/** A client with no credentials at all. */
export function anonymous(url: string): ApiClient {
  return createClient(url);
}

/** Obtains an access/refresh pair through `POST /api/v1/token/`. */
export async function obtainTokens(
  url: string,
  username: string,
  password: string = TEST_PASSWORD,
): Promise<{ access: string; refresh: string }> {
  const res = await anonymous(url).post<{ access: string; refresh: string }>('/api/v1/token/', {
    username,
    password,
  });
  if (res.status !== 200)
    throw new Error(`token for ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
