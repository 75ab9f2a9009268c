import { writeTransaction } from '@steppingstones/db';
import { testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '../../permissions/index.ts';
import { inTransaction } from '../../service-context.ts';
import { createTestContext, type TestContext } from '../../testing/index.ts';
import { arrangeOperator } from '../../testing/test-operator.ts';
import { ingestFindings, type VaultFinding } from '../credential-ingest.service.ts';
import { importCracked } from './cracked-import.service.ts';

const H = (c: string) => c.repeat(32);
const NETNTLMV2 = `WS01$::CORP:1122334455667788:${'a'.repeat(32)}:0101000000000000${'b'.repeat(40)}`;
const LM = '5f946103f6fd6d3e3a1c7c0d2f3b1e1e';
const f = (
  account: string,
  hash: string,
  hashType: number,
  extra: Partial<VaultFinding> = {},
): VaultFinding => ({
  system: 'CORP',
  account,
  hash,
  hashType,
  secret: null,
  purpose: '',
  source: 'test',
  ...extra,
});

describe.each(testDialects())('cracked import on %s', (dialect) => {
  let ctx: TestContext;
  let principal: Principal;
  let engagementId: number;
  const secrets = async () =>
    Object.fromEntries(
      (
        await ctx.database.db
          .selectFrom('credential')
          .select(['account', 'hash', 'secret', 'position'])
          .execute()
      ).map((r) => [`${r.account}/${r.position ?? 'cur'}`, r.secret]),
    );
  const crack = (text: string) =>
    importCracked(ctx.services(), principal, 'CRACK', [Buffer.from(text)], {
      actor: { userId: null, username: 'cli' },
      maxBytes: 1e7,
    });

  beforeEach(async () => {
    ctx = await createTestContext(dialect);
    const op = await arrangeOperator(ctx.services(), ['CRACK']);
    principal = op.principal;
    engagementId = op.engagementIds[0] as number;
    await writeTransaction(ctx.database.db, (tx) =>
      ingestFindings(inTransaction(ctx.services(), tx), {
        engagementId,
        findings: [
          f('alice', H('a'), 1000),
          f('bob', H('A'), 1000, { system: 'LAB' }),
          f('carol', H('c'), 1000, { history: [H('a')] }),
          f('dave', H('d'), 1000),
          f('erin', H('e'), 1000),
          f('WS01$', NETNTLMV2, 5600),
          f('frank', LM, 3000),
          f('gina', H('9'), 1000),
        ],
        origin: {},
        actor: { userId: null, username: 'cli' },
      }),
    );
  });
  afterEach(() => ctx.dispose());

  it('fills every account and history entry sharing a hash, case-insensitively, with every line form', async () => {
    const result = await crack(
      [
        `${H('A')}:Password1`, // upper case, shared by alice, bob (LAB) and carol's history
        `dave:${H('d')}:pa:ss`, // --username, plaintext with colons
        `${H('e')}::$HEX[c3a4c3b6c3bc]`, // Hashtopolis hash::plain, UTF-8 $HEX
        `${NETNTLMV2}:Winter2026!`, // a hash containing colons
        '5f946103f6fd6d3e:PASSWOR', // LM halves
        '3a1c7c0d2f3b1e1e:D1',
        `${H('f')}:nobody-has-this`,
        'no colon here',
        `${H('9')}:$HEX[ff]`,
      ].join('\n'),
    );
    expect(result).toMatchObject({
      cracked_hashes: 5,
      accounts: 7,
      unmatched: 1,
      rejected: [
        { line: 8, reason: expect.stringMatching(/no colon/) },
        { line: 9, reason: expect.stringMatching(/HEX/) },
      ],
    });
    expect(await secrets()).toMatchObject({
      'alice/cur': 'Password1',
      'bob/cur': 'Password1',
      'carol/0': 'Password1',
      'carol/cur': null,
      'dave/cur': 'pa:ss',
      'erin/cur': 'äöü',
      'WS01$/cur': 'Winter2026!',
      'frank/cur': 'PASSWORD1',
      'gina/cur': null,
    });
    // The same potfile again cracks nothing new.
    expect(await crack(`${H('a')}:Password1`)).toMatchObject({
      cracked_hashes: 0,
      accounts: 0,
      unmatched: 0,
    });
  });
});
