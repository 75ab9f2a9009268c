import fs from 'node:fs';
import { uploadsDir } from '@steppingstones/core/runtime';
import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestEngagement,
  createTestUser,
  obtainTokens,
  startTestServer,
  type TestServer,
} from '../testing/test-server.ts';

const NTDS = 'CORP\\alice:1000:aad3b435b51404eeaad3b435b51404ee:8846f7eaee8fb117ad06bdd830b7586c:::\n';

/** A queued credential import that is cancelled never runs: its upload (hashes) is deleted at once. */
describe.each(testDialects())(
  'cancelling a queued credential import on %s',
  { timeout: 120_000 },
  (dialect) => {
    let server: TestServer;
    let token: string;
    beforeAll(async () => {
      server = await startTestServer(dialect);
      await createTestEngagement(server.ctx, 'CNCL');
      await createTestUser(server.ctx, {
        username: 'lead',
        permissions: ['credential.add', 'job.admin'],
        engagements: ['CNCL'],
      });
      token = (await obtainTokens(server.url, 'lead')).access;
    });
    afterAll(() => server?.stop());

    const uploads = () => {
      const dir = uploadsDir(server.ctx.config.dataDir);
      return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
    };

    it('removes the upload when its job is cancelled', async () => {
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'text/plain' };
      const queued = await fetch(
        `${server.url}/api/v1/credentials/imports/?engagement=CNCL&type=secretsdump&async=true`,
        { method: 'POST', headers, body: NTDS },
      );
      expect(queued.status).toBe(202);
      const { job_id: jobId } = (await queued.json()) as { job_id: number };
      expect(uploads()).toHaveLength(1);
      const cancelled = await fetch(`${server.url}/api/v1/jobs/${jobId}/cancel/`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(cancelled.status).toBe(200);
      expect(uploads()).toEqual([]);
    });
  },
);
