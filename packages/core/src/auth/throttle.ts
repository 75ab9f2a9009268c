import { sql } from 'kysely';
import type { ServiceContext } from '../service-context.ts';
import { ThrottledError } from './auth-errors.ts';

/**
 * Failures allowed per window. `login` counts one username from one address (guessing one account),
 * so failures of other people behind the same NAT or proxy never lock a user out; `loginAddress` is the
 * much higher ceiling of one address spraying many usernames. `user` (a signed-in user re-entering
 * their password) and `ip` (refresh-token guessing) count as their names say.
 */
export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const THROTTLE_LIMITS = { login: 10, loginAddress: 500, user: 10, ip: 50 } as const;

export interface ThrottleKey {
  kind: keyof typeof THROTTLE_LIMITS;
  value: string;
}

const keyOf = (k: ThrottleKey) => `${k.kind}:${k.value.toLowerCase()}`;

/** Refuses (429) while any key is over its limit. Counters live in the database: every instance agrees. */
export async function assertNotThrottled(ctx: ServiceContext, keys: ThrottleKey[]): Promise<void> {
  const now = ctx.clock.now();
  const rows = await ctx.db
    .selectFrom('auth_throttle')
    .selectAll()
    .where('key', 'in', keys.map(keyOf))
    .where('window_start', '>', now - THROTTLE_WINDOW_MS)
    .execute();
  for (const k of keys) {
    const row = rows.find((r) => r.key === keyOf(k));
    if (row && Number(row.count) >= THROTTLE_LIMITS[k.kind])
      throw new ThrottledError((Number(row.window_start) + THROTTLE_WINDOW_MS - now) / 1000);
  }
}

/** Counts one failure against each key (one atomic upsert each; a stale window restarts at 1). */
export async function recordFailure(ctx: ServiceContext, keys: ThrottleKey[]): Promise<void> {
  const now = ctx.clock.now();
  const cutoff = now - THROTTLE_WINDOW_MS;
  for (const k of keys) {
    await ctx.db
      .insertInto('auth_throttle')
      .values({ key: keyOf(k), window_start: now, count: 1 })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          count: sql<number>`case when auth_throttle.window_start <= ${cutoff} then 1 else auth_throttle.count + 1 end`,
          window_start: sql<number>`case when auth_throttle.window_start <= ${cutoff} then ${now} else auth_throttle.window_start end`,
        }),
      )
      .execute();
  }
}

/** The key of one username tried from one address (the username as typed, case folded by keyOf). */
export function loginKey(username: string, ip: string): ThrottleKey {
  return { kind: 'login', value: `${username} ${ip}` };
}

/** A successful sign-in clears its (username, address) counter (the address ceiling keeps counting). */
export async function clearThrottle(ctx: ServiceContext, key: ThrottleKey): Promise<void> {
  await ctx.db.deleteFrom('auth_throttle').where('key', '=', keyOf(key)).execute();
  // Counters of windows long past hold nothing; sweep them now and then (here: on each success).
  await ctx.db
    .deleteFrom('auth_throttle')
    .where('window_start', '<=', ctx.clock.now() - THROTTLE_WINDOW_MS)
    .execute();
}
