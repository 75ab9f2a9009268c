import fs from 'node:fs';
import { testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, insertTestUser, type TestContext } from '../testing/index.ts';
import { ensureSetupToken, retireSetupToken, SETUP_TOKEN_STATE_KEY } from './setup-token.ts';

describe.each(testDialects())('the setup token once setup is done on %s', (dialect) => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await createTestContext(dialect);
  });
  afterEach(() => ctx.dispose());

  const stored = () =>
    ctx.database.db
      .selectFrom('app_state')
      .select('value')
      .where('key', '=', SETUP_TOKEN_STATE_KEY)
      .executeTakeFirst();

  it('is deleted, file and hash, when a user exists however it was created', async () => {
    const file = ctx.config.setupTokenFile;
    expect(await ensureSetupToken(ctx.services(), file)).toBeTruthy();
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // No user yet: nothing to retire.
    await retireSetupToken(ctx.database.db, file);
    expect(fs.existsSync(file)).toBe(true);

    await insertTestUser(ctx.database.db, 'ops');
    await retireSetupToken(ctx.database.db, file);
    expect(fs.existsSync(file)).toBe(false);
    expect(await stored()).toBeUndefined();
  });
});
