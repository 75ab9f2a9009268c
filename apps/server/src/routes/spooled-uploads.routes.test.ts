import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
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

const NT = '8846f7eaee8fb117ad06bdd830b7586c';

/**
 * An upload waiting for its import holds hashes and passwords: while the client is still sending it,
 * the spooled file is already owner-only (0600, in a 0700 folder of DATA_DIR), whatever the umask, and
 * it is gone once the import ends.
 */
describe.each(testDialects())('spooled uploads on %s', { timeout: 120_000 }, (dialect) => {
  let server: TestServer;
  let token: string;
  /** The background EventStream upload stays until a worker runs its import (none runs here). */
  const waitingForWorker: string[] = [];
  beforeAll(async () => {
    // A small import limit (about 10 kB) so the refused upload below stays small.
    server = await startTestServer(dialect, { env: { MAX_IMPORT_MB: '0.01' } });
    await createTestEngagement(server.ctx, 'SPOOL');
    await createTestUser(server.ctx, { username: 'op', role: 'operator', engagements: ['SPOOL'] });
    token = (await obtainTokens(server.url, 'op')).access;
  });
  afterAll(() => server?.stop());

  const spooled = () => {
    const dir = uploadsDir(server.ctx.config.dataDir);
    return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => path.join(dir, f)) : [];
  };

  /** Sends the first part, checks the spooled file while the request is still open, then finishes it. */
  async function uploadInTwoParts(pathAndQuery: string, first: string, rest: string) {
    const url = new URL(pathAndQuery, server.url);
    let sending: http.ClientRequest | undefined;
    const answer = new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
      const req = http.request(
        url,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
        },
        (res) => {
          let text = '';
          res.on('data', (c) => {
            text += c;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
        },
      );
      req.on('error', reject);
      req.write(first);
      sending = req;
    });
    // The server opens the file when the first bytes arrive; wait until it has.
    while (spooled().length === 0 || fs.statSync(spooled()[0]!).size < first.length)
      await new Promise((r) => setTimeout(r, 5));
    const [file] = spooled();
    const mode = fs.statSync(file!).mode & 0o777;
    const dirMode = fs.statSync(path.dirname(file!)).mode & 0o777;
    sending?.end(rest);
    return { mode, dirMode, ...(await answer) };
  }

  it('keeps a credential dump upload owner-only while it arrives, and removes it after', async () => {
    const res = await uploadInTwoParts(
      '/api/v1/credentials/imports/?engagement=SPOOL&type=user-hash&hash_type=1000',
      `alice:${NT}\n`,
      `bob:${'ab'.repeat(16)}\n`,
    );
    expect(res.mode).toBe(0o600);
    expect(res.dirMode).toBe(0o700);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ new_hashes: 2 });
    expect(spooled()).toEqual([]);
  });

  it('keeps a cracked-hash upload owner-only while it arrives, and removes it after', async () => {
    const res = await uploadInTwoParts(
      '/api/v1/credentials/cracked/?engagement=SPOOL',
      `${NT}:Summer2026!\n`,
      `${'ab'.repeat(16)}:Winter2026!\n`,
    );
    expect(res.mode).toBe(0o600);
    expect(res.status).toBe(200);
    expect(spooled()).toEqual([]);
  });

  it('keeps a background EventStream upload owner-only while it arrives and while it waits for the worker', async () => {
    const res = await uploadInTwoParts(
      '/api/v1/eventstream/imports/?engagement=SPOOL&async=true',
      '{"ts":"2024-06-01T10:00:00","d":"first"}\n',
      '{"ts":"2024-06-01T10:01:00","d":"second"}\n',
    );
    expect(res.mode).toBe(0o600);
    expect(res.dirMode).toBe(0o700);
    expect(res.status).toBe(202);
    // Queued for the worker: the whole body waits in the same private file.
    const waiting = spooled();
    expect(waiting).toHaveLength(1);
    waitingForWorker.push(...waiting);
    expect(fs.statSync(waiting[0]!).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(waiting[0]!, 'utf8')).toContain('"second"');
  });

  it('keeps a C2 log upload owner-only while it arrives, and removes it after', async () => {
    const res = await uploadInTwoParts(
      '/api/v1/c2/imports/?engagement=SPOOL&adapter=cobalt-strike-logs&server=ts1&filename=beacon_1.log',
      '12/31 23:59:58 UTC [input] <neo> whoami\n',
      '12/31 23:59:59 UTC [input] <neo> hostname\n',
    );
    expect(res.mode).toBe(0o600);
    expect(res.dirMode).toBe(0o700);
    expect(res.status).toBe(200);
    expect(spooled().filter((f) => !waitingForWorker.includes(f))).toEqual([]);
  });

  it('leaves no file behind when an upload is refused for its size', async () => {
    const before = spooled();
    // Sent in chunks without a length, so only the spooling can notice the size.
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        new URL('/api/v1/credentials/imports/?engagement=SPOOL&type=user-hash', server.url),
        {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 20; i++) req.write(`${'x'.repeat(1023)}\n`);
      req.end();
    });
    expect(status).toBe(413);
    expect(spooled()).toEqual(before);
  });
});
