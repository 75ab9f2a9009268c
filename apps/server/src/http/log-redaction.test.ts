import { Writable } from 'node:stream';
import { createTestContext } from '@steppingstones/core/testing';
import { testDialects } from '@steppingstones/db/testing';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { createTestEngagement, createTestUser, login } from '../testing/index.ts';

describe.each(testDialects())('search terms in the logs on %s', { timeout: 120_000 }, (dialect) => {
  it('are redacted like tokens, the rest of the URL kept', async () => {
    const lines: string[] = [];
    const ctx = await createTestContext(dialect);
    ctx.logger = pino(
      { level: 'info' },
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
      await createTestEngagement(ctx, 'ACME');
      await createTestUser(ctx, { username: 'admin', superuser: true });
      const admin = await login(url, 'admin');
      const hash = '8846f7eaee8fb117ad06bdd830b7586c';
      expect((await admin.get(`/api/v1/events/?engagement=ACME&search=${hash}&page_size=5`)).status).toBe(
        200,
      );
      expect((await admin.get(`/api/v1/tags/?SEARCH=svc_backup%20Winter2026`)).status).toBeLessThan(500);

      const log = lines.join('');
      expect(log).toContain('/api/v1/events/?engagement=ACME&search=[redacted]&page_size=5');
      expect(log).not.toContain(hash);
      expect(log).not.toContain('Winter2026');
    } finally {
      await app.close();
      await ctx.dispose();
    }
  });
});
