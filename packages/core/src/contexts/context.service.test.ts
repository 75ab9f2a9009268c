import { createEngagement } from '@steppingstones/core/engagements';
import { createTestContext, type TestContext } from '@steppingstones/core/testing';
import { writeTransaction } from '@steppingstones/db';
import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../service-context.ts';
import { getOrCreateContext } from './context.service.ts';

describe.each(testDialects())('getting or creating a context on %s', (dialect) => {
  let ctx: TestContext;
  let engagementId: number;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    engagementId = (
      await createEngagement(ctx.services(), {
        code: 'CTX',
        name: 'Contexts',
        start_date: '2026-01-01',
        end_date: '2026-12-31',
      })
    ).id;
  });
  afterAll(() => ctx?.dispose());

  const getOrCreate = (host: string, user = 'alice', process = '') =>
    writeTransaction(ctx.database.db, (tx) =>
      getOrCreateContext(inTransaction(ctx.services(), tx), engagementId, { host, user, process }),
    );
  const lastUsed = async (id: number) =>
    Number(
      (
        await ctx.database.db
          .selectFrom('context')
          .select('last_used_at')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).last_used_at,
    );

  it('returns the same row for the same triple and marks it as just used', async () => {
    const id = await getOrCreate('WS042');
    await ctx.database.db.updateTable('context').set({ last_used_at: 1 }).where('id', '=', id).execute();
    expect(await getOrCreate('WS042')).toBe(id);
    expect(await lastUsed(id)).toBeGreaterThan(1);
  });

  it('tells triples apart exactly, case included', async () => {
    const a = await getOrCreate('DC01');
    expect(await getOrCreate('dc01')).not.toBe(a);
    expect(await getOrCreate('DC01', 'bob')).not.toBe(a);
    expect(await getOrCreate('DC01', 'alice', 'lsass.exe')).not.toBe(a);
  });

  it('keeps concurrent creators of one context on one row', async () => {
    const ids = await Promise.all([getOrCreate('FS01'), getOrCreate('FS01'), getOrCreate('FS01')]);
    expect(new Set(ids).size).toBe(1);
    const rows = await ctx.database.db
      .selectFrom('context')
      .select('id')
      .where('host', '=', 'FS01')
      .execute();
    expect(rows).toHaveLength(1);
  });
});
