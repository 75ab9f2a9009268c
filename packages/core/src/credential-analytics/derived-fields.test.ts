import { writeTransaction } from '@steppingstones/db';
import { testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCredential, importCracked, ingestFindings, updateCredential } from '../credentials/index.ts';
import type { Principal } from '../permissions/index.ts';
import { inTransaction } from '../service-context.ts';
import { createTestContext, type TestContext } from '../testing/index.ts';
import { arrangeOperator } from '../testing/test-operator.ts';

const actor = { userId: null, username: 'cli' };

describe.each(testDialects())('derived secret fields on %s', (dialect) => {
  let ctx: TestContext;
  let principal: Principal;
  let engagementId: number;
  const derived = (account: string) =>
    ctx.database.db
      .selectFrom('credential')
      .select(['secret', 'complexity', 'char_mask', 'char_mask_effort', 'structure'])
      .where('account', '=', account)
      .executeTakeFirstOrThrow()
      .then((r) => ({
        ...r,
        char_mask_effort: r.char_mask_effort === null ? null : Number(r.char_mask_effort),
      }));

  beforeEach(async () => {
    ctx = await createTestContext(dialect);
    const op = await arrangeOperator(ctx.services(), ['DRV']);
    principal = op.principal;
    engagementId = op.engagementIds[0] as number;
  });
  afterEach(() => ctx.dispose());

  it('are set by ingest, by a cracked import and by an edit', async () => {
    await writeTransaction(ctx.database.db, (tx) =>
      ingestFindings(inTransaction(ctx.services(), tx), {
        engagementId,
        findings: [
          {
            system: 'C',
            account: 'known',
            hash: 'a'.repeat(32),
            hashType: 1000,
            secret: 'Summer2024!',
            purpose: '',
            source: 't',
          },
          {
            system: 'C',
            account: 'open',
            hash: 'b'.repeat(32),
            hashType: 1000,
            secret: null,
            purpose: '',
            source: 't',
          },
        ],
        origin: {},
        actor,
      }),
    );
    expect(await derived('known')).toEqual({
      secret: 'Summer2024!',
      complexity: 'mixed+special+digit',
      char_mask: '?u?l?l?l?l?l?d?d?d?d?s',
      char_mask_effort: 101_942_206,
      structure: 'Letters..Numbers..Symbols',
    });
    expect((await derived('open')).char_mask).toBeNull();

    await importCracked(ctx.services(), principal, 'DRV', [Buffer.from(`${'b'.repeat(32)}:abc1\n`)], {
      actor,
      maxBytes: 1e6,
    });
    expect(await derived('open')).toMatchObject({
      secret: 'abc1',
      complexity: 'lower+digit',
      char_mask: '?l?l?l?d',
      structure: 'Letters..Numbers',
    });

    const made = await createCredential(
      ctx.services(),
      principal,
      'DRV',
      { system: 'C', account: 'typed', hash: '', secret: 'PIN', purpose: '', enabled: true } as never,
      actor,
    );
    expect(await derived('typed')).toMatchObject({ complexity: 'upper', char_mask: '?u?u?u' });
    await updateCredential(ctx.services(), principal, made.id, { secret: '1234' }, actor);
    expect(await derived('typed')).toMatchObject({
      complexity: 'numeric',
      char_mask: '?d?d?d?d',
      structure: 'Numbers',
    });
  });
});
