import fs from 'node:fs';
import path from 'node:path';
import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../permissions/index.ts';
import { arrangeOperator, createTestContext, type TestContext } from '../testing/index.ts';
import { importEventStream } from './eventstream-import.service.ts';

const EXAMPLE = path.resolve(import.meta.dirname, 'eventstream-example.jsonl');
const from = (...chunks: string[]) =>
  (async function* () {
    yield* chunks;
  })();

describe.each(testDialects())('EventStream import on %s', (dialect) => {
  let ctx: TestContext;
  let red: Principal;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    ({ principal: red } = await arrangeOperator(ctx.services(), ['ES', 'ES2']));
  });
  afterAll(() => ctx.dispose());

  it('imports both example lines, and a second import adds nothing', async () => {
    const db = ctx.database.db;
    const first = await importEventStream(ctx.services(), red, 'ES', fs.createReadStream(EXAMPLE));
    expect(first).toMatchObject({ added: 2, duplicates: 0, rejected: [] });
    const again = await importEventStream(ctx.services(), red, 'ES', fs.createReadStream(EXAMPLE));
    expect(again).toMatchObject({ added: 0, duplicates: 2, rejected: [] });
    // The same lines in another engagement are that engagement's own.
    expect((await importEventStream(ctx.services(), red, 'ES2', fs.createReadStream(EXAMPLE))).added).toBe(2);
    const rows = await db
      .selectFrom('eventstream_line')
      .selectAll()
      .where('engagement_id', '=', red.engagementIds[0] as number)
      .orderBy('start_at')
      .execute();
    expect(rows.map((r) => [r.description, r.technique_id, r.imported_by_name])).toEqual([
      ['Dumped browser passwords', null, 'alice'],
      ['Password sprayed Welcome123', 'T1110.003', 'alice'],
    ]);
  });

  it('gives exact counts for a file of valid, invalid and duplicate lines', async () => {
    const valid = (n: number) => JSON.stringify({ ts: `2025-01-0${n}T10:00:00`, d: `step ${n}`, tool: 'x' });
    const file = [
      valid(1),
      'not json',
      valid(2),
      '',
      valid(1), // the same line twice in one file
      '{"ts":"2025-02-30T10:00:00","d":"impossible"}',
      '{"ts":"2025-01-03T10:00:00","s":{"h":"a","q":"b"},"d":"bad key"}',
      valid(3),
    ].join('\r\n');
    const result = await importEventStream(ctx.services(), red, 'ES', from(file));
    expect(result.added).toBe(3);
    expect(result.duplicates).toBe(1);
    expect(result.rejected.map((r) => r.line)).toEqual([2, 6, 7]);
    expect(result.rejected[1]!.reason).toMatch(/^ts:/);
    expect(result.rejected[2]!.reason).toMatch(/^s\.q:/);
  });

  it('feeds the credential extractors with new lines, once', async () => {
    const db = ctx.database.db;
    const HASH = 'svc_sql:1104:aad3b435b51404eeaad3b435b51404ee:8846f7eaee8fb117ad06bdd830b7586c:::';
    const line = JSON.stringify({
      ts: '2025-03-01T10:00:00Z',
      s: { h: 'kali' },
      e: `secretsdump.py corp/admin@dc01\n${HASH}`,
    });
    const first = await importEventStream(ctx.services(), red, 'ES2', [line]);
    expect(first.credentials?.newHashes).toBe(1);
    const vault = await db
      .selectFrom('credential')
      .select(['account'])
      .where('engagement_id', '=', red.engagementIds[1] as number)
      .execute();
    expect(vault.map((c) => c.account)).toContain('svc_sql');
    const again = await importEventStream(ctx.services(), red, 'ES2', [line]);
    expect(again).toMatchObject({ added: 0, duplicates: 1, credentials: { newHashes: 0 } });
  });

  it('answers the same with the lines prepared in a thread beside the writes (large imports)', async () => {
    const db = ctx.database.db;
    const HASH = 'svc_web:1105:aad3b435b51404eeaad3b435b51404ee:e19ccf75ee54e06b06a5907af13cef42:::';
    const line = (n: number) => JSON.stringify({ ts: `2025-04-0${n}T10:00:00Z`, d: `threaded ${n}` });
    const file = [
      line(1),
      'not json',
      JSON.stringify({ ts: '2025-04-05T10:00:00Z', e: `secretsdump\n${HASH}` }),
      line(1),
      `{"ts":"2025-04-02T10:00:00Z","d":"${'x'.repeat(200)}"}`,
      line(3),
    ].join('\n');
    // Split mid-line and mid-character, as a network body arrives.
    const bytes = Buffer.from(`${file}\n{"ts":"2025-04-04T10:00:00Z","d":"café ☕"}\n`);
    const cut = bytes.indexOf(Buffer.from('☕')) + 1;
    const chunks = [bytes.subarray(0, 7), bytes.subarray(7, cut), bytes.subarray(cut)];
    const result = await importEventStream(ctx.services(), red, 'ES2', chunks, {
      parallel: true,
      maxLineBytes: 150,
    });
    expect(result).toMatchObject({ added: 4, duplicates: 1, credentials: { newHashes: 1 } });
    expect(result.rejected.map((r) => r.line)).toEqual([2, 5]);
    expect(result.rejected[1]!.reason).toMatch(/bytes long; the most a line may hold is 150/);
    const cafe = await db
      .selectFrom('eventstream_line')
      .select('description')
      .where('description', 'like', 'café%')
      .executeTakeFirst();
    expect(cafe?.description).toBe('café ☕');
    const again = await importEventStream(ctx.services(), red, 'ES2', chunks, {
      parallel: true,
      maxLineBytes: 150,
    });
    expect(again).toMatchObject({ added: 0, duplicates: 5, credentials: { newHashes: 0 } });
  });

  it('counts new and duplicate lines the same when no line of a batch holds a credential', async () => {
    // Thread-prepared lines with nothing to extract, and an import that does not feed the vault: the
    // batches are written without reading back which lines went in.
    const plain = (n: number) => JSON.stringify({ ts: `2025-06-0${n}T10:00:00Z`, d: `plain ${n}` });
    const file = [plain(1), plain(2), plain(1), 'not json', plain(3)].join('\n');
    const first = await importEventStream(ctx.services(), red, 'ES2', from(file), { parallel: true });
    expect(first).toMatchObject({ added: 3, duplicates: 1, credentials: { newHashes: 0 } });
    expect(first.rejected.map((r) => r.line)).toEqual([4]);
    const again = await importEventStream(ctx.services(), red, 'ES2', from(`${file}\n${plain(4)}`), {
      credentials: false,
    });
    expect(again).toMatchObject({ added: 1, duplicates: 4 });
    expect(again.credentials).toBeUndefined();
  });

  it('refuses a non-member (404) and a member without eventstream.add (403)', async () => {
    const outsider: Principal = { ...red, engagementIds: [] };
    await expect(importEventStream(ctx.services(), outsider, 'ES', from(''))).rejects.toMatchObject({
      status: 404,
    });
    const blue: Principal = { ...red, permissions: new Set(['event.view', 'eventstream.view']) };
    await expect(importEventStream(ctx.services(), blue, 'ES', from(''))).rejects.toMatchObject({
      status: 403,
    });
  });
});

describe.each(testDialects())('EventStream lines masking on %s', (dialect) => {
  let ctx: TestContext;
  let red: Principal;
  const HASH = 'svc_sql:1104:aad3b435b51404eeaad3b435b51404ee:8846f7eaee8fb117ad06bdd830b7586c:::';
  const NT = '8846f7eaee8fb117ad06bdd830b7586c';

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    ({ principal: red } = await arrangeOperator(ctx.services(), ['MASK']));
    const line = {
      ts: '2024-04-01T18:00:00Z',
      s: { h: 'kali' },
      d: 'dump',
      e: `secretsdump\n${HASH}`,
      loot: { hash: HASH },
    };
    await importEventStream(ctx.services(), red, 'MASK', [JSON.stringify(line)]);
  });
  afterAll(() => ctx.dispose());

  it('masks hashes in evidence and additional data for a reader without credential.view, and does not search them', async () => {
    const reader: Principal = { ...red, permissions: new Set(['eventstream.view']) };
    const { listEventStreamLines } = await import('./eventstream-line.queries.ts');
    const query = { engagement: 'MASK', sort: '-timestamp' as const, page_size: 50 };
    const [masked] = (await listEventStreamLines(ctx.database.db, reader, query)).results;
    expect(masked!.raw_evidence).not.toContain(NT);
    expect(masked!.raw_evidence).toContain('«redacted»');
    expect(JSON.stringify(masked!.additional_data)).not.toContain(NT);
    expect((await listEventStreamLines(ctx.database.db, reader, { ...query, search: NT })).results).toEqual(
      [],
    );
    const [plain] = (await listEventStreamLines(ctx.database.db, red, { ...query, search: NT })).results;
    expect(plain!.raw_evidence).toContain(NT);
  });
});
