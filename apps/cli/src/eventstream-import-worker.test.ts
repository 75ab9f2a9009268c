import fs from 'node:fs';
import path from 'node:path';
import { cancelJob } from '@steppingstones/core/jobs';
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
  id: number;
  status: string;
  job_id: number | null;
  progress: { bytes: number; total: number | null; lines: number };
  result: Record<string, unknown> | null;
  error: string | null;
}

async function upload(c: ApiClient, query: string, body: string) {
  const res = await fetch(new URL(`/api/v1/eventstream/imports/?${query}`, c.url), {
    method: 'POST',
    headers: {
      cookie: c.cookie,
      'x-csrf-token': c.csrfToken,
      origin: c.url,
      'content-type': 'application/x-ndjson',
    },
    body,
  });
  return { status: res.status, body: (await res.json()) as ImportState };
}

const LINES = [
  '{"ts": "2026-03-01T10:00:00Z", "s": {"h": "kali"}, "e": "secretsdump.py corp/admin@10.0.0.1"}',
  '{"ts": "2026-03-01T10:01:00Z", "s": {"h": "kali"}, "d": "Queued import, second line"}',
  'not json',
].join('\n');

// The real server queues async=true (and large) imports; the real worker (its runner, task threads and
// the production task list) runs them, writing progress and the result the API then shows.
describe.each(testDialects())('EventStream imports queued for the worker on %s', (dialect) => {
  let server: TestServer;
  let op: ApiClient;
  let blue: ApiClient;
  let worker: RunningWorker | undefined;
  const uploads = () => {
    const dir = path.join(server.ctx.config.dataDir, 'uploads');
    return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  };
  const state = async (id: number) => (await op.get<ImportState>(`/api/v1/eventstream/imports/${id}/`)).body;
  const ended = (id: number) =>
    waitFor(async () => {
      const s = await state(id);
      return s.status === 'queued' || s.status === 'running' ? undefined : s;
    }, 'the import to end');
  const lineCount = async () =>
    (await op.get<{ count: number }>('/api/v1/eventstream/lines/?engagement=JOB')).body.count;

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
    const queued = await upload(op, 'engagement=JOB&async=true', LINES);
    expect(queued.status).toBe(202);
    const id = queued.body.id;
    // No worker yet: it waits, with its size known and its body kept for the worker.
    expect(await state(id)).toMatchObject({
      status: 'queued',
      job_id: queued.body.job_id,
      progress: { bytes: 0, total: Buffer.byteLength(LINES), lines: 0 },
      result: null,
    });
    expect(uploads()).toHaveLength(1);
    expect((await blue.get(`/api/v1/eventstream/imports/${id}/`)).status).toBe(403);
    expect(await lineCount()).toBe(0);

    worker = await startWorker(server.ctx.env, { ...FAST, context: server.ctx });
    expect(await ended(id)).toMatchObject({
      status: 'succeeded',
      progress: { bytes: Buffer.byteLength(LINES), total: Buffer.byteLength(LINES), lines: 3 },
      result: {
        added: 2,
        duplicates: 0,
        rejected: [{ line: 3, reason: expect.stringMatching(/not valid JSON/) }],
      },
      error: null,
    });
    expect(await lineCount()).toBe(2);
    const lines = await server.ctx.database.db
      .selectFrom('eventstream_line')
      .select('imported_by_name')
      .distinct()
      .execute();
    expect(lines).toEqual([{ imported_by_name: 'op' }]);
    const job = await server.ctx.database.db
      .selectFrom('job')
      .select(['task', 'status'])
      .where('id', '=', Number(queued.body.job_id))
      .executeTakeFirstOrThrow();
    expect(job).toEqual({ task: 'core:eventstream.import', status: 'succeeded' });
    // The worker removed the body once imported.
    expect(uploads()).toHaveLength(0);
  });

  it('runs a source plugin in the worker, and a second import of the same lines adds nothing', async () => {
    const history = '#1700000000\nwhoami\n#1700000060\nid\n';
    const query =
      'engagement=JOB&async=true&source=eventstream-sources:bash-history&param.host=web01&param.user=root';
    const first = await upload(op, query, history);
    expect(first.status).toBe(202);
    expect(await ended(first.body.id)).toMatchObject({
      status: 'succeeded',
      result: { added: 2, duplicates: 0, rejected: [] },
    });
    const again = await upload(op, query, history);
    expect(await ended(again.body.id)).toMatchObject({
      status: 'succeeded',
      result: { added: 0, duplicates: 2, rejected: [] },
      error: null,
    });
    expect(await lineCount()).toBe(4);
  });

  it('a cancelled import reads as failed and imports nothing', async () => {
    await worker?.stop(500);
    worker = undefined;
    const queued = await upload(
      op,
      'engagement=JOB&async=true',
      '{"ts": "2026-03-02T10:00:00Z", "d": "never imported"}\n',
    );
    await cancelJob(server.ctx.services(), Number(queued.body.job_id));
    expect(await state(queued.body.id)).toMatchObject({
      status: 'failed',
      error: 'The import was cancelled.',
    });
    expect(await lineCount()).toBe(4);
  });
});
