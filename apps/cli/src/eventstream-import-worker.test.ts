import { cancelJob } from '@steppingstones/core/jobs';
import { testDialects } from '@steppingstones/db/testing';
import type { ApiClient } from '@steppingstones/server/testing/index';
import { describe, expect, it, vi } from 'vitest';
import { importEnded, postBody, queuedImportRig } from './queued-import.fixture.ts';

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

const upload = (c: ApiClient, query: string, body: string) =>
  postBody<ImportState>(c, `/api/v1/eventstream/imports/?${query}`, 'application/x-ndjson', body);

const LINES = [
  '{"ts": "2026-03-01T10:00:00Z", "s": {"h": "kali"}, "e": "secretsdump.py corp/admin@10.0.0.1"}',
  '{"ts": "2026-03-01T10:01:00Z", "s": {"h": "kali"}, "d": "Queued import, second line"}',
  'not json',
].join('\n');

// The real server queues async=true (and large) imports; the real worker (its runner, task threads and
// the production task list) runs them, writing progress and the result the API then shows.
describe.each(testDialects())('EventStream imports queued for the worker on %s', (dialect) => {
  const rig = queuedImportRig(dialect);
  const state = async (id: number) =>
    (await rig.op.get<ImportState>(`/api/v1/eventstream/imports/${id}/`)).body;
  const ended = (id: number) => importEnded(() => state(id));
  const lineCount = async () =>
    (await rig.op.get<{ count: number }>('/api/v1/eventstream/lines/?engagement=JOB')).body.count;

  it('answers 202 with a queued import, which the worker imports with its progress and result', async () => {
    const queued = await upload(rig.op, 'engagement=JOB&async=true', LINES);
    expect(queued.status).toBe(202);
    const id = queued.body.id;
    // No worker yet: it waits, with its size known and its body kept for the worker.
    expect(await state(id)).toMatchObject({
      status: 'queued',
      job_id: queued.body.job_id,
      progress: { bytes: 0, total: Buffer.byteLength(LINES), lines: 0 },
      result: null,
    });
    expect(rig.uploads()).toHaveLength(1);
    expect((await rig.blue.get(`/api/v1/eventstream/imports/${id}/`)).status).toBe(403);
    expect(await lineCount()).toBe(0);

    await rig.startWorker();
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
    const lines = await rig.server.ctx.database.db
      .selectFrom('eventstream_line')
      .select('imported_by_name')
      .distinct()
      .execute();
    expect(lines).toEqual([{ imported_by_name: 'op' }]);
    expect(await rig.job(queued.body.job_id)).toEqual({
      task: 'core:eventstream.import',
      status: 'succeeded',
    });
    // The worker removed the body once imported.
    expect(rig.uploads()).toHaveLength(0);
  });

  it('runs a source plugin in the worker, and a second import of the same lines adds nothing', async () => {
    const history = '#1700000000\nwhoami\n#1700000060\nid\n';
    const query =
      'engagement=JOB&async=true&source=eventstream-sources:bash-history&param.host=web01&param.user=root';
    const first = await upload(rig.op, query, history);
    expect(first.status).toBe(202);
    expect(await ended(first.body.id)).toMatchObject({
      status: 'succeeded',
      result: { added: 2, duplicates: 0, rejected: [] },
    });
    const again = await upload(rig.op, query, history);
    expect(await ended(again.body.id)).toMatchObject({
      status: 'succeeded',
      result: { added: 0, duplicates: 2, rejected: [] },
      error: null,
    });
    expect(await lineCount()).toBe(4);
  });

  it('a cancelled import reads as failed and imports nothing', async () => {
    await rig.stopWorker();
    const queued = await upload(
      rig.op,
      'engagement=JOB&async=true',
      '{"ts": "2026-03-02T10:00:00Z", "d": "never imported"}\n',
    );
    await cancelJob(rig.server.ctx.services(), Number(queued.body.job_id));
    expect(await state(queued.body.id)).toMatchObject({
      status: 'failed',
      error: 'The import was cancelled.',
    });
    expect(await lineCount()).toBe(4);
  });
});
