import { createDb } from '@steppingstones/db';
import { testDialects } from '@steppingstones/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing/index.ts';

describe.each(testDialects())('the connection a plugin thread opens on %s', (dialect) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
  });
  afterAll(() => ctx.dispose());

  it('reads but cannot write', async () => {
    const database = createDb({ target: ctx.database.target, readonly: true, poolSize: 1 });
    try {
      expect(await database.db.selectFrom('engagement').select('id').execute()).toEqual([]);
      await expect(
        database.db.insertInto('app_state').values({ key: 'x', value: 'y', updated_at: 0 }).execute(),
      ).rejects.toThrow(/read.?only/i);
    } finally {
      await database.close();
    }
  });
});
