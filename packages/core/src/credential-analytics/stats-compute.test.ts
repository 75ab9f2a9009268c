import { writeTransaction } from '@steppingstones/db';
import { testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestFindings, type VaultFinding } from '../credentials/index.ts';
import { inTransaction } from '../service-context.ts';
import { arrangeOperator, createTestContext, type TestContext } from '../testing/index.ts';
import { computeStats } from './stats-compute.ts';
import { buildStatsVault } from './stats-vault.fixture.ts';

describe.each(testDialects())('password statistics counted by the database on %s', (dialect) => {
  let ctx: TestContext;
  let engagementId: number;

  beforeEach(async () => {
    ctx = await createTestContext(dialect);
    ({
      engagementIds: [engagementId = 0],
    } = await arrangeOperator(ctx.services(), ['STA']));
    await buildStatsVault(ctx, engagementId, 'STA');
  });
  afterEach(() => ctx.dispose());

  it('reads the same figures when a secret was stored without its derived columns', async () => {
    const before = await computeStats(ctx.database.db, engagementId, {});
    await ctx.database.db
      .updateTable('credential')
      .set({ complexity: null, structure: null, char_mask: null, char_mask_effort: null })
      .where('account', 'in', ['dave', 'erin', 'SRV$'])
      .execute();
    expect(await computeStats(ctx.database.db, engagementId, {})).toEqual(before);
  });

  it('counts an account with several known secrets once, by its NT secret before its LM one', async () => {
    const lm = (account: string, hash: string, secret: string, hashType: number) =>
      ({
        system: 'LAB',
        account,
        hash,
        hashType,
        secret,
        purpose: 'Windows Login',
        source: 'test',
      }) as VaultFinding;
    await writeTransaction(ctx.database.db, (tx) =>
      ingestFindings(inTransaction(ctx.services(), tx), {
        engagementId,
        findings: [
          lm('frank', 'a'.repeat(32), 'FRANK', 3000),
          lm('frank', 'b'.repeat(32), 'Frank', 1000),
          lm('gina', 'c'.repeat(32), 'GINA2026', 3000),
        ],
        origin: {},
        actor: { userId: null, username: 'test' },
      }),
    );
    const stats = await computeStats(ctx.database.db, engagementId, { system: 'LAB' });
    expect(stats).toMatchObject({
      unique_user_accounts: 2,
      cracked_user_accounts: 2,
      // frank's NT secret "Frank" is his name; gina's only secret is her LM one
      password_is_username: 1,
      lengths: [
        { length: 5, count: 1 },
        { length: 8, count: 1 },
      ],
      complexity: [
        { value: 'mixed alpha', count: 1 },
        { value: 'upper+digit', count: 1 },
      ],
      hash_types: [
        { hash_type: 3000, name: 'LM', count: 2, cracked: 2 },
        { hash_type: 1000, name: 'NTLM', count: 1, cracked: 1 },
      ],
    });
  });
});
