import { writeTransaction } from '@steppingstones/db';
import { testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { inTransaction } from '../service-context.ts';
import { createTestContext, type TestContext } from '../testing/index.ts';
import { insertUser } from './user.service.ts';

describe.each(testDialects())('user creation on %s', (dialect) => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await createTestContext(dialect);
  });
  afterEach(() => ctx.dispose());

  it('gives writers racing for one username the same field error, and keeps one user', async () => {
    // On PostgreSQL all of them can pass the clash check before any insert commits.
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        writeTransaction(ctx.database.db, (tx) =>
          insertUser(
            inTransaction(ctx.services(), tx),
            { username: i % 2 ? 'Racer' : 'racer', password: 'unused here' },
            'x',
          ),
        ),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes.filter((x) => x.status === 'rejected')) {
      expect(o.reason).toBeInstanceOf(ValidationError);
      expect((o.reason as ValidationError).problems[0]).toMatchObject({ field: 'username' });
    }
    const users = await ctx.database.db.selectFrom('app_user').select('username_key').execute();
    expect(users).toEqual([{ username_key: 'racer' }]);
  });
});
