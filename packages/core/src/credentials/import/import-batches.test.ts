import { testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '../../permissions/index.ts';
import { createTestContext, type TestContext } from '../../testing/index.ts';
import { arrangeOperator } from '../../testing/test-operator.ts';
import { importCracked } from './cracked-import.service.ts';
import { importDump } from './dump-import.service.ts';
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
    principal = (await arrangeOperator(ctx.database.db, ['BATCH'])).principal;
  });
  afterEach(() => ctx.dispose());

  it('a dump that breaks off keeps its whole committed batches, says where it stopped, and a re-import completes it', async () => {
    const line = (i: number) => `user${i}:${hash(i)}`;
    const progress: number[] = [];
    const failed = importDump(
      ctx.database.db,
      principal,
      { engagement: 'BATCH', type: 'user-hash', hashType: 1000 },
      breaksAfter(5000, line),
      { actor, maxBytes: 100_000_000, onProgress: (p) => progress.push(p.lines) },
    );
    await expect(failed).rejects.toThrow(
      /stopped at line 4001.*4000 new hashes.*import the same file again/s,
    );
    // Two whole batches of 2,000; nothing of the third.
    expect(await count()).toBe(4000);
    expect(progress).toEqual([2000, 4000]);
    const record = await ctx.database.db
      .selectFrom('credential_import')
      .select('id')
      .executeTakeFirstOrThrow();
    const status = await getImport(ctx.database.db, principal, Number(record.id));
    expect(status).toMatchObject({
      status: 'failed',
      result: { stopped_at_line: 4001, committed: { new_hashes: 4000 } },
    });

    const lines = Array.from({ length: 5000 }, (_, i) => line(i + 1)).join('\n');
    const again = await importDump(
      ctx.database.db,
      principal,
      { engagement: 'BATCH', type: 'user-hash', hashType: 1000 },
      [Buffer.from(lines)],
      { actor, maxBytes: 100_000_000 },
    );
    expect(again).toMatchObject({ new_hashes: 1000, duplicates: 4000, rejected: [] });
    expect(await count()).toBe(5000);
  });

  it('a potfile that breaks off keeps the cracks of its committed batches', async () => {
    const lines = Array.from({ length: 12_000 }, (_, i) => `u${i + 1}:${hash(i + 1)}`).join('\n');
    await importDump(
      ctx.database.db,
      principal,
      { engagement: 'BATCH', type: 'user-hash', hashType: 1000 },
      [Buffer.from(lines)],
      { actor, maxBytes: 100_000_000 },
    );
    const failed = importCracked(
      ctx.database.db,
      principal,
      'BATCH',
      breaksAfter(12_000, (i) => `${hash(i)}:pw${i}`),
      { actor, maxBytes: 100_000_000 },
    );
    // Batches of 5,000 lines: two committed, the third rolled back.
    await expect(failed).rejects.toThrow(/stopped at line 10001.*10000 accounts/s);
    const cracked = await ctx.database.db
      .selectFrom('credential')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('secret', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(Number(cracked.n)).toBe(10_000);
  });

  it('a failure before anything was committed keeps its own message: nothing imported', async () => {
    const failed = importDump(
      ctx.database.db,
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
