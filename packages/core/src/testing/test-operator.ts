import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import { createEngagement } from '../engagements/index.ts';
import { PERMISSION_CODES, type PermissionCode, type Principal } from '../permissions/index.ts';
import type { ServiceContext } from '../service-context.ts';

/**
 * A user row written straight into the table (no password rules, no audit): for tests of services that
 * only need someone to act as. Returns the user's id.
 */
/** When test users say they were created: a fixed moment, so nothing a test asserts reads the wall clock. */
const TEST_USER_CREATED_AT = Date.UTC(2026, 0, 1);

export async function insertTestUser(db: Kysely<DB>, username: string): Promise<number> {
  const now = TEST_USER_CREATED_AT;
  const row = await db
    .insertInto('app_user')
    .values({
      username,
      username_key: username.toLowerCase(),
      display_name: username,
      password_hash: 'x',
      is_superuser: 0,
      is_active: 1,
      timezone: null,
      theme: 'auto',
      current_engagement_id: null,
      auth_epoch: 0,
      last_login_at: null,
      password_changed_at: now,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** An operator and the engagements they act in, as most service tests arrange them. */
export interface TestOperator {
  /** A member of every engagement created, holding every permission code. */
  principal: Principal;
  /** The engagements' ids, in the order of their codes. */
  engagementIds: number[];
}

/**
 * Creates the user `alice` and one engagement per code (dated through 2026), and the principal of
 * alice as a member of all of them with `permissions` (every code unless given). Membership lives in the
 * principal only: the services under test take it from there, as the server does after reading it.
 */
export async function arrangeOperator(
  ctx: ServiceContext,
  codes: string[],
  permissions: readonly PermissionCode[] = PERMISSION_CODES,
): Promise<TestOperator> {
  const userId = await insertTestUser(ctx.db, 'alice');
  const engagementIds: number[] = [];
  for (const code of codes)
    engagementIds.push(
      (await createEngagement(ctx, { code, name: code, start_date: '2026-01-01', end_date: '2026-12-31' }))
        .id,
    );
  return {
    engagementIds,
    principal: {
      userId,
      username: 'alice',
      isSuperuser: false,
      permissions: new Set(permissions),
      engagementIds,
      via: 'session',
    },
  };
}
