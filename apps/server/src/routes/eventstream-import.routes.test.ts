import fs from 'node:fs';
import path from 'node:path';
import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestEngagement,
  createTestUser,
  obtainTokens,
  startTestServer,
  type TestServer,
} from '../testing/test-server.ts';

// The EventStream schema's own example, as the repository keeps it beside the format's code.
const EXAMPLE = fs.readFileSync(
  path.resolve(import.meta.dirname, '../../../../packages/core/src/eventstream/eventstream-example.jsonl'),
);

describe.each(testDialects())('EventStream import API on %s', (dialect) => {
  let server: TestServer;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createTestEngagement(server.ctx, 'ESAPI');
    await createTestEngagement(server.ctx, 'OTHER');
    await createTestUser(server.ctx, {
      username: 'red',
      groups: ['Red Team Operators'],
      engagements: ['ESAPI'],
    });
    await createTestUser(server.ctx, {
      username: 'blue',
      groups: ['Client Blue Team - Read Only'],
      engagements: ['ESAPI'],
    });
    for (const u of ['red', 'blue']) tokens[u] = (await obtainTokens(server.url, u)).access;
  });
  afterAll(() => server.stop());

  const post = async (user: string, query: string, body: BodyInit, type = 'application/x-ndjson') => {
    const res = await fetch(`${server.url}/api/v1/eventstream/imports/?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[user]}`, 'content-type': type },
      body,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('imports the example with any JSON Lines content type, and a second time adds nothing', async () => {
    const first = await post('red', 'engagement=ESAPI', EXAMPLE, 'application/jsonl');
    expect(first).toEqual({ status: 200, body: { added: 2, duplicates: 0, rejected: [] } });
    for (const type of [
      'application/x-ndjson',
      'text/plain',
      'application/octet-stream',
      'application/json',
    ]) {
      const again = await post('red', 'engagement=ESAPI', EXAMPLE, type);
      expect(again.body).toEqual({ added: 0, duplicates: 2, rejected: [] });
    }
  });

  it('rejects bad lines with their numbers and imports the rest', async () => {
    const body =
      '{"ts":"2024-05-01T10:00:00","d":"ok"}\n{"ts":"2024-13-01T10:00:00","d":"bad month"}\n{oops\n';
    const res = await post('red', 'engagement=ESAPI', body);
    expect(res.status).toBe(200);
    expect(res.body.added).toBe(1);
    expect((res.body.rejected as Array<{ line: number }>).map((r) => r.line)).toEqual([2, 3]);
  });

  it('refuses multipart, the blue team, and engagements the caller is not in', async () => {
    const form = new FormData();
    form.append('file', new Blob([EXAMPLE]), 'x.jsonl');
    const multipart = await fetch(`${server.url}/api/v1/eventstream/imports/?engagement=ESAPI`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.red}` },
      body: form,
    });
    expect(multipart.status).toBe(400);
    expect(JSON.stringify(await multipart.json())).toMatch(/not a multipart form/);
    expect((await post('blue', 'engagement=ESAPI', EXAMPLE)).status).toBe(403);
    expect((await post('red', 'engagement=OTHER', EXAMPLE)).status).toBe(404);
    expect((await post('red', 'engagement=NOPE', EXAMPLE)).status).toBe(404);
  });

  it('runs a source plugin on the body, with its parameters, and refuses a file it does not understand', async () => {
    const history = '#1700000000\nwhoami\n#1700000060\nid\n';
    const query = 'engagement=ESAPI&source=eventstream-sources:bash-history&param.host=web01&param.user=root';
    const res = await post('red', query, history, 'application/octet-stream');
    expect(res).toEqual({ status: 200, body: { added: 2, duplicates: 0, rejected: [] } });
    const rows = await server.ctx.database.db
      .selectFrom('eventstream_line')
      .select(['raw_evidence', 'source_host', 'source_user', 'source_process'])
      .where('raw_evidence', 'in', ['whoami', 'id'])
      .orderBy('start_at')
      .execute();
    expect(rows).toEqual([
      { raw_evidence: 'whoami', source_host: 'web01', source_user: 'root', source_process: 'bash' },
      { raw_evidence: 'id', source_host: 'web01', source_user: 'root', source_process: 'bash' },
    ]);
    const refused = await post(
      'red',
      'engagement=ESAPI&source=eventstream-sources:bash-history',
      'ls\ncd /\n',
    );
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(/no timestamps found.*Nothing was imported/);
    const unknownParam = await post(
      'red',
      'engagement=ESAPI&source=eventstream-sources:bash-history&param.nope=1',
      history,
    );
    expect(unknownParam.status).toBe(400);
    expect((await post('red', 'engagement=ESAPI&source=nope:nothing', history)).status).toBe(404);
  });

  it('with async=true answers 202 with an import queued for the worker, which only importers may follow', async () => {
    const body = '{"ts":"2024-06-01T10:00:00","d":"in the background"}\nbroken\n';
    const started = await post('red', 'engagement=ESAPI&async=true', body);
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({
      engagement: 'ESAPI',
      status: 'queued',
      progress: { bytes: 0, total: Buffer.byteLength(body), lines: 0 },
      result: null,
      job_id: expect.any(Number),
      url: `/api/v1/eventstream/imports/${started.body.id}/`,
    });
    const job = await server.ctx.database.db
      .selectFrom('job')
      .select(['task', 'status', 'engagement_id'])
      .where('id', '=', started.body.job_id as number)
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({ task: 'core:eventstream.import', status: 'queued' });
    // Nothing is imported by the server process itself: the worker runs it (see the worker test).
    const lines = await server.ctx.database.db
      .selectFrom('eventstream_line')
      .select('id')
      .where('description', '=', 'in the background')
      .execute();
    expect(lines).toEqual([]);
    const blue = await fetch(`${server.url}/api/v1/eventstream/imports/${started.body.id}/`, {
      headers: { authorization: `Bearer ${tokens.blue}` },
    });
    expect(blue.status).toBe(403);
    const unknownSource = await post('red', 'engagement=ESAPI&async=true&source=nope:nothing', body);
    expect(unknownSource.status).toBe(404);
  });

  it('serves the schema publicly', async () => {
    const res = await fetch(`${server.url}/eventstream.schema.json`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { $id: string }).$id).toBe(
      'https://st3pp1ngst0n3s.co.uk/es1/eventstream.schema.json',
    );
  });
});
