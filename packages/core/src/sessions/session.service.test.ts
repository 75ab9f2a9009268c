import { testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.ts';
import { createTestContext, insertTestUser, type TestContext } from '../testing/index.ts';
import { activeUserById } from '../users/index.ts';
import { createSession, findActiveSession } from './session.service.ts';

const policy = { sessionIdleMs: 30 * 60_000, sessionAbsoluteMs: 12 * 3_600_000 };
const client = { ip: '192.0.2.7', userAgent: 'test' };

describe.each(testDialects())('session lifetime on the context clock on %s', (dialect) => {
  const clock = fixedClock('2026-03-02T08:00:00Z');
  let ctx: TestContext;
  beforeEach(async () => {
    clock.set(Date.parse('2026-03-02T08:00:00Z'));
    ctx = await createTestContext(dialect, {}, { clock });
  });
  afterEach(() => ctx.dispose());

  const signIn = async () => {
    const user = await activeUserById(ctx.database.db, await insertTestUser(ctx.database.db, 'dana'));
    return createSession(ctx.services(null), user!, policy, client);
  };

  it('expires a session left idle longer than the idle limit, without waiting for it', async () => {
    const session = await signIn();
    expect(session.expiresAt).toBe(Date.parse('2026-03-02T20:00:00Z'));
    clock.advance(policy.sessionIdleMs - 1);
    expect(await findActiveSession(ctx.services(null), session.id, policy)).not.toBeNull();
    // Used just before the limit, so the idle window starts again from then.
    clock.advance(policy.sessionIdleMs - 1);
    expect(await findActiveSession(ctx.services(null), session.id, policy)).not.toBeNull();
    clock.advance(policy.sessionIdleMs + 1);
    expect(await findActiveSession(ctx.services(null), session.id, policy)).toBeNull();
  });

  it('ends a session at its absolute expiry however busy it is', async () => {
    const session = await signIn();
    // Used every 20 minutes (inside the idle limit) for twelve hours.
    for (let step = 1; step < 36; step++) {
      clock.advance(20 * 60_000);
      expect(await findActiveSession(ctx.services(null), session.id, policy)).not.toBeNull();
    }
    clock.advance(20 * 60_000);
    expect(await findActiveSession(ctx.services(null), session.id, policy)).toBeNull();
  });
});
