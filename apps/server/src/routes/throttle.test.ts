import { serviceContext } from '@steppingstones/core';
import { recordFailure, THROTTLE_LIMITS } from '@steppingstones/core/auth';
import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import type { AppServer } from '../app-server.ts';
import {
  anonymous,
  createTestUser,
  login,
  startTestServer,
  TEST_PASSWORD,
  type TestServer,
} from '../testing/index.ts';

describe.each(testDialects())('login throttling on %s', (dialect) => {
  let server: TestServer;
  let second: AppServer;
  let secondUrl: string;
  beforeAll(async () => {
    // Behind a proxy, so each test can come from an address of its own (X-Forwarded-For).
    server = await startTestServer(dialect, { env: { TRUST_PROXY: 'true' } });
    // A second instance on the same database, as in a scaled-out deployment.
    second = (await buildApp(server.ctx, { serveWeb: false })).app;
    secondUrl = (await second.listen({ host: '127.0.0.1', port: 0 })).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await second.close();
    await server.stop();
  });

  const attempt = (url: string, username: string, password: string, ip: string) =>
    anonymous(url).post('/api/v1/auth/login/', { username, password }, { 'x-forwarded-for': ip });

  it('holds a (username, address) limit across instances, without locking the user out elsewhere', {
    timeout: 120_000,
  }, async () => {
    await createTestUser(server.ctx, { username: 'target' });
    for (let i = 0; i < THROTTLE_LIMITS.login; i++)
      expect((await attempt(i % 2 ? server.url : secondUrl, 'target', `wrong-${i}`, '10.0.1.1')).status).toBe(
        401,
      );
    expect((await attempt(secondUrl, 'Target', TEST_PASSWORD, '10.0.1.1')).status).toBe(429);
    // The attacker's address is locked for this account; the user signing in from theirs is not.
    expect((await attempt(server.url, 'target', TEST_PASSWORD, '10.0.2.1')).status).toBe(200);
  });

  // More failures than the old per-address limit (50) of other usernames, from one shared address.
  it('lets a user with the right password in although others failed from the same address', {
    timeout: 180_000,
  }, async () => {
    await createTestUser(server.ctx, { username: 'colleague' });
    for (let i = 0; i < 55; i++)
      expect((await attempt(i % 2 ? server.url : secondUrl, `user${i}`, 'x', '10.8.8.8')).status).toBe(401);
    expect((await attempt(server.url, 'colleague', TEST_PASSWORD, '10.8.8.8')).status).toBe(200);
  });

  it('stops one address spraying many usernames at a much higher ceiling', async () => {
    await createTestUser(server.ctx, { username: 'victim' });
    // Arrange the counter just below the ceiling instead of hashing hundreds of passwords.
    const db = server.ctx.database.db;
    await recordFailure(serviceContext(server.ctx, null), [{ kind: 'loginAddress', value: '10.9.9.9' }]);
    await db
      .updateTable('auth_throttle')
      .set({ count: THROTTLE_LIMITS.loginAddress - 1 })
      .where('key', '=', 'loginAddress:10.9.9.9')
      .execute();
    expect((await attempt(server.url, 'nobody', 'x', '10.9.9.9')).status).toBe(401);
    expect((await attempt(secondUrl, 'victim', TEST_PASSWORD, '10.9.9.9')).status).toBe(429);
    expect((await attempt(server.url, 'victim', TEST_PASSWORD, '10.0.3.1')).status).toBe(200);
    await expect(login(server.url, 'victim')).resolves.toBeTruthy();
  });

  it('throttles refresh-token guessing by address', async () => {
    for (let i = 0; i < THROTTLE_LIMITS.ip; i++) {
      const res = await anonymous(server.url).post(
        '/api/v1/token/refresh/',
        { refresh: `junk-${i}` },
        { 'x-forwarded-for': '10.7.7.7' },
      );
      expect(res.status).toBe(401);
    }
    const res = await anonymous(secondUrl).post(
      '/api/v1/token/refresh/',
      { refresh: 'junk' },
      { 'x-forwarded-for': '10.7.7.7' },
    );
    expect(res.status).toBe(429);
  });
});
