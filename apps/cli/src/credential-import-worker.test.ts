import fs from 'node:fs';
import { cancelJob } from '@steppingstones/core/jobs';
import { uploadsDir } from '@steppingstones/core/runtime';
import { testDialects } from '@steppingstones/db/testing';
import {
  type ApiClient,
  createTestEngagement,
  createTestUser,
  login,
  startTestServer,
  type TestServer,
} from '@steppingstones/server/testing/index';
import { type RunningWorker, startWorker } from '@steppingstones/worker';
import { FAST, waitFor } from '@steppingstones/worker/testing/worker-harness';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Task threads load TypeScript on start; on a busy machine that takes a while.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });

interface ImportState {
  status: string;
  job_id: number | null;
  progress: { bytes: number; total: number | null; lines: number };
  result: Record<string, unknown> | null;
}

async function upload(c: ApiClient, url: string, body: string) {
  const res = await fetch(new URL(url, c.url), {
    method: 'POST',
    headers: {
      cookie: c.cookie,
      'x-csrf-token': c.csrfToken,
      origin: c.url,
      'content-type': 'text/plain',
    },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

// The real server queues large and async=true imports; the real worker (its runner and task threads,
// the production task list) runs them, writing progress and the result the API then shows.
describe.each(testDialects())('credential imports queued for the worker on %s', (dialect) => {
  let server: TestServer;
  let op: ApiClient;
  let blue: ApiClient;
  let worker: RunningWorker | undefined;
  const uploads = () => {
    const dir = uploadsDir(server.ctx.config.dataDir);
    return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  };
  const state = async (url: string) => (await op.get<ImportState>(url)).body;
  const ended = (url: string) =>
    waitFor(async () => {
      const s = await state(url);
      return s.status === 'queued' || s.status === 'running' ? undefined : s;
    }, 'the import to end');

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createTestEngagement(server.ctx, 'JOB');
    await createTestUser(server.ctx, { username: 'op', role: 'operator', engagements: ['JOB'] });
    await createTestUser(server.ctx, { username: 'blue', role: 'blue-read-only', engagements: ['JOB'] });
    op = await login(server.url, 'op');
    blue = await login(server.url, 'blue');
  });
  afterAll(async () => {
    await worker?.stop(500);
    await server?.stop();
  });

  it('answers 202 with a queued import, which the worker imports with its progress and result', async () => {
    const dump = [`alice:${'a1'.repeat(16)}`, `bob:${'b2'.repeat(16)}`, 'not a hash line'].join('\n');
    const queued = await upload(
      op,
      '/api/v1/credentials/imports/?engagement=JOB&type=user-hash&hash_type=1000&async=true',
      dump,
    );
    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({
      status: 'queued',
      url: expect.stringMatching(/^\/api\/v1\/credentials\/imports\/\d+\/$/),
    });
    const url = String(queued.body.url);
    // No worker yet: it waits, with its size known and its upload kept for the worker.
    expect(await state(url)).toMatchObject({
      status: 'queued',
      job_id: queued.body.job_id,
      progress: { bytes: 0, total: Buffer.byteLength(dump), lines: 0 },
      result: null,
    });
    expect(uploads()).toHaveLength(1);
    expect((await blue.get(url)).status).toBe(403);

    worker = await startWorker(server.ctx.env, { ...FAST, context: server.ctx });
    const done = await ended(url);
    expect(done).toMatchObject({
      status: 'done',
      progress: { lines: 3, total: Buffer.byteLength(dump) },
      result: { new_hashes: 2, duplicates: 0, rejected: [{ line: 3 }] },
    });
    const list = await op.get<{ count: number }>('/api/v1/credentials/?engagement=JOB');
    expect(list.body.count).toBe(2);
    const job = await server.ctx.database.db
      .selectFrom('job')
      .select(['task', 'status'])
      .where('id', '=', Number(queued.body.job_id))
      .executeTakeFirstOrThrow();
    expect(job).toEqual({ task: 'core:credentials.import', status: 'succeeded' });
    // The worker removed the upload once imported.
    expect(uploads()).toHaveLength(0);
  });

  it('runs a queued cracked-hash import the same way', async () => {
    const queued = await upload(
      op,
      '/api/v1/credentials/cracked/?engagement=JOB&async=true',
      `${'a1'.repeat(16)}:Summer2024!\n`,
    );
    expect(queued.status).toBe(202);
    const done = await ended(String(queued.body.url));
    expect(done).toMatchObject({ status: 'done', result: { cracked_hashes: 1, accounts: 1, unmatched: 0 } });
  });

  it('a cancelled import reads as failed and imports nothing', async () => {
    await worker?.stop(500);
    worker = undefined;
    const queued = await upload(
      op,
      '/api/v1/credentials/imports/?engagement=JOB&type=user-hash&hash_type=1000&async=true',
      `carol:${'c3'.repeat(16)}`,
    );
    await cancelJob(server.ctx.services(), Number(queued.body.job_id));
    expect(await state(String(queued.body.url))).toMatchObject({
      status: 'failed',
      result: { error: expect.stringMatching(/cancelled/) },
    });
    const list = await op.get<{ count: number }>('/api/v1/credentials/?engagement=JOB');
    expect(list.body.count).toBe(2);
  });
});
