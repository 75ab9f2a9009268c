import { cancelJob } from '@steppingstones/core/jobs';
import { testDialects } from '@steppingstones/db/testing';
import type { ApiClient } from '@steppingstones/server/testing/index';
import { describe, expect, it, vi } from 'vitest';
import { importEnded, postBody, queuedImportRig } from './queued-import.fixture.ts';

// Task threads load TypeScript on start; on a busy machine that takes a while.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });

interface ImportState {
  status: string;
  job_id: number | null;
  progress: { bytes: number; total: number | null; lines: number };
  result: Record<string, unknown> | null;
}

const upload = (c: ApiClient, url: string, body: string) =>
  postBody<Record<string, unknown>>(c, url, 'text/plain', body);

// The real server queues large and async=true imports; the real worker (its runner and task threads,
// the production task list) runs them, writing progress and the result the API then shows.
describe.each(testDialects())('credential imports queued for the worker on %s', (dialect) => {
  const rig = queuedImportRig(dialect);
  const state = async (url: string) => (await rig.op.get<ImportState>(url)).body;
  const ended = (url: string) => importEnded(() => state(url));

  it('answers 202 with a queued import, which the worker imports with its progress and result', async () => {
    const dump = [`alice:${'a1'.repeat(16)}`, `bob:${'b2'.repeat(16)}`, 'not a hash line'].join('\n');
    const queued = await upload(
      rig.op,
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
    expect(rig.uploads()).toHaveLength(1);
    expect((await rig.blue.get(url)).status).toBe(403);

    await rig.startWorker();
    const done = await ended(url);
    expect(done).toMatchObject({
      status: 'done',
      progress: { lines: 3, total: Buffer.byteLength(dump) },
      result: { new_hashes: 2, duplicates: 0, rejected: [{ line: 3 }] },
    });
    const list = await rig.op.get<{ count: number }>('/api/v1/credentials/?engagement=JOB');
    expect(list.body.count).toBe(2);
    expect(await rig.job(queued.body.job_id)).toEqual({
      task: 'core:credentials.import',
      status: 'succeeded',
    });
    // The worker removed the upload once imported.
    expect(rig.uploads()).toHaveLength(0);
  });

  it('runs a queued cracked-hash import the same way', async () => {
    const queued = await upload(
      rig.op,
      '/api/v1/credentials/cracked/?engagement=JOB&async=true',
      `${'a1'.repeat(16)}:Summer2024!\n`,
    );
    expect(queued.status).toBe(202);
    const done = await ended(String(queued.body.url));
    expect(done).toMatchObject({ status: 'done', result: { cracked_hashes: 1, accounts: 1, unmatched: 0 } });
  });

  it('a cancelled import reads as failed and imports nothing', async () => {
    await rig.stopWorker();
    const queued = await upload(
      rig.op,
      '/api/v1/credentials/imports/?engagement=JOB&type=user-hash&hash_type=1000&async=true',
      `carol:${'c3'.repeat(16)}`,
    );
    await cancelJob(rig.server.ctx.services(), Number(queued.body.job_id));
    expect(await state(String(queued.body.url))).toMatchObject({
      status: 'failed',
      result: { error: expect.stringMatching(/cancelled/) },
    });
    const list = await rig.op.get<{ count: number }>('/api/v1/credentials/?engagement=JOB');
    expect(list.body.count).toBe(2);
  });
});
