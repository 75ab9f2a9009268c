import { testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '../../permissions/index.ts';
import { createTestContext, type TestContext } from '../../testing/index.ts';
import { arrangeOperator } from '../../testing/test-operator.ts';
import { CRACKED_BATCH, importCracked } from './cracked-import.service.ts';
import { importDump } from './dump-import.service.ts';
import { DUMP_BATCH } from './dump-sink.ts';
import { getImport } from './import.queries.ts';

/** `count` lines of `line(i)`, then the upload breaks (a dropped connection, a failing disk). */
async function* breaksAfter(count: number, line: (i: number) => string): AsyncGenerator<Buffer> {
  for (let i = 1; i <= count; i += 500) {
    const rows: string[] = [];
    for (let j = i; j < i + 500 && j <= count; j++) rows.push(line(j));
    yield Buffer.from(`${rows.join('\n')}\n`);
  }
  throw new Error('connection reset');
}

const hash = (i: number) => i.toString(16).padStart(32, '0');

describe.each(testDialects())('imports commit batch by batch on %s', (dialect) => {
  let ctx: TestContext;
  let principal: Principal;
  const actor = { userId: null, username: 'cli' };
  const count = () =>
    ctx.database.db
      .selectFrom('credential')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));

  beforeEach(async () => {
    ctx = await createTestContext(dialect);
    principal = (await arrangeOperator(ctx.services(), ['BATCH'])).principal;
  });
  afterEach(() => ctx.dispose());

  it('a dump that breaks off keeps its whole committed batches, says where it stopped, and a re-import completes it', async () => {
    const line = (i: number) => `user${i}:${hash(i)}`;
    const progress: number[] = [];
    const failed = importDump(
      ctx.services(),
      principal,
      { engagement: 'BATCH', type: 'user-hash', hashType: 1000 },
      breaksAfter(2.5 * DUMP_BATCH, line),
      { actor, maxBytes: 100_000_000, onProgress: (p) => progress.push(p.lines) },
    );
    const two = 2 * DUMP_BATCH;
    await expect(failed).rejects.toThrow(
      new RegExp(`stopped at line ${two + 1}.*${two} new hashes.*import the same file again`, 's'),
    );
    // Two whole batches; nothing of the third.
    expect(await count()).toBe(two);
    expect(progress).toEqual([DUMP_BATCH, two]);
    const record = await ctx.database.db
      .selectFrom('credential_import')
      .select('id')
      .executeTakeFirstOrThrow();
    const status = await getImport(ctx.database.db, principal, Number(record.id));
    expect(status).toMatchObject({
      status: 'failed',
      result: { stopped_at_line: two + 1, committed: { new_hashes: two } },
    });

    const lines = Array.from({ length: 2.5 * DUMP_BATCH }, (_, i) => line(i + 1)).join('\n');
    const again = await importDump(
      ctx.services(),
      principal,
      { engagement: 'BATCH', type: 'user-hash', hashType: 1000 },
      [Buffer.from(lines)],
      { actor, maxBytes: 100_000_000 },
    );
    expect(again).toMatchObject({ new_hashes: DUMP_BATCH / 2, duplicates: two, rejected: [] });
    expect(await count()).toBe(2.5 * DUMP_BATCH);
  });

  it('a potfile that breaks off keeps the cracks of its committed batches', async () => {
    const n = 2.5 * CRACKED_BATCH;
    const lines = Array.from({ length: n }, (_, i) => `u${i + 1}:${hash(i + 1)}`).join('\n');
    await importDump(
      ctx.services(),
      principal,
      { engagement: 'BATCH', type: 'user-hash', hashType: 1000 },
      [Buffer.from(lines)],
      { actor, maxBytes: 100_000_000 },
    );
    const failed = importCracked(
      ctx.services(),
      principal,
      'BATCH',
      breaksAfter(n, (i) => `${hash(i)}:pw${i}`),
      { actor, maxBytes: 100_000_000 },
    );
    // Two batches committed, the third rolled back.
    const two = 2 * CRACKED_BATCH;
    await expect(failed).rejects.toThrow(new RegExp(`stopped at line ${two + 1}.*${two} accounts`, 's'));
    const cracked = await ctx.database.db
      .selectFrom('credential')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('secret', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(Number(cracked.n)).toBe(two);
  });

  it('a failure before anything was committed keeps its own message: nothing imported', async () => {
    const failed = importDump(
      ctx.services(),
      principal,
      { engagement: 'BATCH', type: 'user-hash', hashType: 1000 },
      breaksAfter(10, (i) => `user${i}:${hash(i)}`),
      { actor, maxBytes: 100_000_000 },
    );
    await expect(failed).rejects.toThrow('connection reset');
    expect(await count()).toBe(0);
    const record = await ctx.database.db
      .selectFrom('credential_import')
      .select(['status', 'result'])
      .executeTakeFirstOrThrow();
    expect(record.status).toBe('failed');
    expect(JSON.parse(record.result)).toEqual({
      error: 'The import failed on the server; nothing was imported.',
    });
  });
});
