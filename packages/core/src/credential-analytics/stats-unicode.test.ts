import { writeTransaction } from '@steppingstones/db';
import { testDialects } from '@steppingstones/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INSERT_COLUMNS, insertCredentialRows } from '../credentials/credential-insert.ts';
import { identityKeys } from '../credentials/credential-keys.ts';
import { createTestContext, type TestContext } from '../testing/index.ts';
import { lines, secretLines } from './aids.lines.ts';
import { deriveSecretFields } from './derive.ts';
import { computeStats } from './stats-compute.ts';
import { walkStatsRows } from './stats-rows.ts';
import { secretCounts } from './stats-sql.ts';

interface Row {
  system: string;
  account: string;
  hash: string;
  secret: string | null;
  position?: number;
}

/** Rows written as every vault writer writes them: identity keys and derived fields from JavaScript. */
async function vault(ctx: TestContext, engagementId: number, rows: Row[]) {
  const params: unknown[] = [];
  for (const r of rows) {
    const values: Record<string, unknown> = {
      engagement_id: engagementId,
      source: 'test',
      source_time: null,
      system: r.system,
      account: r.account,
      secret: r.secret,
      hash: r.hash,
      hash_type: 1000,
      purpose: '',
      enabled: 1,
      created_by: null,
      created_by_name: 'test',
      created_at: ctx.clock.now(),
      event_id: null,
      import_id: null,
      c2_action_id: null,
      position: r.position ?? null,
      ...identityKeys({ ...r, hashType: 1000 }),
      ...deriveSecretFields(r.secret),
    };
    params.push(...INSERT_COLUMNS.map((c) => values[c]));
  }
  await writeTransaction(ctx.database.db, (tx) => insertCredentialRows(tx, params));
}

const H = (n: number) => n.toString(16).repeat(32);

describe.each(testDialects())('statistics and aids beyond ASCII on %s', (dialect) => {
  let ctx: TestContext;
  let engagementId: number;

  beforeEach(async () => {
    ctx = await createTestContext(dialect);
    const now = ctx.clock.now();
    engagementId = Number(
      (
        await ctx.database.db
          .insertInto('engagement')
          .values({
            code: 'UNI',
            name: 'UNI',
            start_date: '2026-01-01',
            end_date: '2026-12-31',
            created_at: now,
            updated_at: now,
          } as never)
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
    await vault(ctx, engagementId, [
      // The password is the account name in another case, beyond ASCII (SQLite's lower() keeps É).
      { system: 'CORP', account: 'Été2024', hash: H(1), secret: 'ÉTÉ2024' },
      { system: 'CORP', account: 'ÉMILE$', hash: H(2), secret: 'émile$' },
      // The same secret for another account: reused, not the account name.
      { system: 'CORP', account: 'bob', hash: H(3), secret: 'ÉTÉ2024' },
      // An earlier hash of bob: feeds reuse, never the account figures.
      { system: 'CORP', account: 'bob', hash: H(4), secret: 'Été2024', position: 0 },
      { system: 'CORP', account: 'carol', hash: H(5), secret: null },
      { system: 'CORP', account: 'dave', hash: H(6), secret: 'DAVE' },
    ]);
  });
  afterEach(() => ctx.dispose());

  it('counts a password equal to its account name in any case, accents included', async () => {
    const stats = await computeStats(ctx.database.db, engagementId, {});
    expect(stats).toMatchObject({
      unique_user_accounts: 4,
      cracked_user_accounts: 3,
      unique_machine_accounts: 1,
      cracked_machine_accounts: 1,
      // Été2024 = ÉTÉ2024, ÉMILE$ = émile$, dave = DAVE
      password_is_username: 3,
      reused: [{ secret: 'ÉTÉ2024', accounts: 2 }],
      lengths: [
        { length: 4, count: 1 },
        { length: 6, count: 1 },
        { length: 7, count: 2 },
        { length: null, count: 1 },
      ],
    });
  });

  it('finds the words and letter parts of secrets in every script', async () => {
    const options = { kind: 'letters' as const, format: 'wordlist' as const, min_length: 1 };
    const read = async (aid: string, kind: 'letters' | 'symbols' = 'letters') => {
      const out: string[] = [];
      if (aid === 'wordlist') {
        const rows = walkStatsRows(ctx.database.db, engagementId, {});
        for await (const l of lines(aid, rows)) out.push(l);
      } else
        out.push(
          ...secretLines(aid, await secretCounts(ctx.database.db, engagementId, {}), { ...options, kind }),
        );
      return out;
    };
    expect(await read('wordlist')).toEqual(expect.arrayContaining(['Été2024', 'Été', 'ÉTÉ2024', 'émile']));
    expect(await read('wordlist')).not.toContain('t2024');
    expect(await read('parts')).toEqual(expect.arrayContaining(['ÉTÉ', 'Été', 'émile', 'DAVE']));
    expect(await read('parts', 'symbols')).toEqual(['$']);
  });
});
