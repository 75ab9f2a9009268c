import { recordAudit } from '../audit/index.ts';
import type { ServiceContext } from '../service-context.ts';
import { dummyPasswordHash, verifyPassword } from '../users/password.ts';
import type { UserRow } from '../users/principal.queries.ts';
import { findUserByUsername } from '../users/user.queries.ts';
import { InvalidCredentialsError } from './auth-errors.ts';
import { assertNotThrottled, clearThrottle, loginKey, recordFailure, type ThrottleKey } from './throttle.ts';

/**
 * Checks a username and password, throttled per (username, address) and, much higher, per address. An unknown or inactive user goes
 * through the same steps (a hash is verified either way) and gets the same answer as a wrong password.
 */
export async function authenticateWithPassword(
  ctx: ServiceContext,
  input: { username: string; password: string; ip: string; via: 'session' | 'jwt' },
): Promise<UserRow> {
  const username = input.username.trim();
  const keys: ThrottleKey[] = [loginKey(username, input.ip), { kind: 'loginAddress', value: input.ip }];
  await assertNotThrottled(ctx, keys);
  const user = await findUserByUsername(ctx.db, username);
  const ok = await verifyPassword(input.password, user?.password_hash ?? (await dummyPasswordHash()));
  if (!user?.is_active || !ok) {
    await recordFailure(ctx, keys);
    await recordAudit(
      ctx,
      { userId: null, username: username.slice(0, 150), ip: input.ip },
      { action: 'login.failed', target: username.slice(0, 150), details: { via: input.via } },
    );
    throw new InvalidCredentialsError();
  }
  await clearThrottle(ctx, keys[0]!);
  await ctx.db
    .updateTable('app_user')
    .set({ last_login_at: ctx.clock.now() })
    .where('id', '=', user.id)
    .execute();
  await recordAudit(
    ctx,
    { userId: Number(user.id), username: user.username, ip: input.ip },
    { action: input.via === 'session' ? 'login' : 'token.obtained', target: user.username },
  );
  return user;
}
