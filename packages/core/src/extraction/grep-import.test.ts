import { testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importDump } from '../credentials/import/dump-import.service.ts';
import type { Principal } from '../permissions/index.ts';
import { arrangeOperator, createTestContext, type TestContext } from '../testing/index.ts';
import { extractCredentials } from './extract.ts';
import { FIXTURES } from './fixtures/index.ts';

/** Every sample, between ordinary output, as an operator's `grep` upload would hold them. */
const MIXED = FIXTURES.map(
  (f) =>
    `Nmap scan report for 10.0.0.${f.name.length}\n\n${f.text}\n\nPORT   STATE SERVICE\n445/tcp open  microsoft-ds\n`,
).join('\n');

describe.each(testDialects())('grep import of mixed tool output on %s', (dialect) => {
  let ctx: TestContext;
  let principal: Principal;
  const run = () =>
    importDump(
      ctx.services(),
      principal,
      { engagement: 'GREP', type: 'grep', system: 'WS01' },
      [Buffer.from(MIXED)],
      {
        actor: { userId: null, username: 'cli' },
        maxBytes: 10_000_000,
      },
    );

  beforeEach(async () => {
    ctx = await createTestContext(dialect);
    principal = (await arrangeOperator(ctx.services(), ['GREP'])).principal;
  });
  afterEach(() => ctx.dispose());

  it('stores what the extractors find, counts it, and adds nothing the second time', async () => {
    const first = await run();
    const rows = await ctx.database.db
      .selectFrom('credential')
      .select(['account', 'hash', 'secret', 'system'])
      .execute();
    const expected = extractCredentials(MIXED, { defaultSystem: 'WS01' });
    expect(first.new_hashes + first.new_secrets).toBeGreaterThan(60);
    for (const f of expected.filter((x) => x.hash))
      expect(rows.some((r) => r.hash.toLowerCase() === f.hash.toLowerCase())).toBe(true);
    for (const f of expected.filter((x) => x.secret))
      expect(rows.some((r) => r.secret === f.secret)).toBe(true);
    const again = await run();
    expect([again.new_hashes, again.new_secrets]).toEqual([0, 0]);
    expect(await ctx.database.db.selectFrom('credential').select('id').execute()).toHaveLength(rows.length);
  });
});
