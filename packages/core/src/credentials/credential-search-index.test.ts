import { type DB, dialectOf, writeTransaction } from '@steppingstones/db';
import { testDialects } from '@steppingstones/db/testing';
import { expressionBuilder, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../testing/index.ts';
import { credentialConditions } from './credential.filter.ts';
import { INSERT_COLUMNS, insertCredentialRows } from './credential-insert.ts';
import { identityKeys } from './credential-keys.ts';
import { refreshCredentialSearch } from './credential-search-index.ts';

const H = (n: number) => n.toString(16).repeat(32);

describe.each(testDialects())('the vault search by a piece of a name on %s', (dialect) => {
  let ctx: TestContext;
  let engagementId: number;

  const add = async (
    rows: Array<{ system: string; account: string; hash: string; secret: string | null }>,
  ) => {
    const params: unknown[] = [];
    for (const r of rows) {
      const values: Record<string, unknown> = {
        engagement_id: engagementId,
        source: 'test',
        source_time: null,
        purpose: 'Windows Login',
        enabled: 1,
        created_by: null,
        created_by_name: 'test',
        created_at: ctx.clock.now(),
        event_id: null,
        import_id: null,
        c2_action_id: null,
        position: null,
        hash_type: 1000,
        ...r,
        ...identityKeys({ ...r, hashType: 1000 }),
      };
      params.push(...INSERT_COLUMNS.map((c) => values[c] ?? null));
    }
    await writeTransaction(ctx.database.db, (tx) => insertCredentialRows(tx, params));
  };

  /** The accounts a search finds, as the vault list asks (no re-indexing first). */
  const search = async (term: string) => {
    const db = ctx.database.db;
    const where = credentialConditions(
      expressionBuilder<DB, 'credential'>(),
      engagementId,
      { search: term },
      dialectOf(db),
    );
    const rows = await db
      .selectFrom('credential')
      .select('account')
      .where((eb) => eb.and(where))
      .orderBy('account')
      .execute();
    return rows.map((r) => r.account);
  };

  beforeEach(async () => {
    ctx = await createTestContext(dialect);
    const now = ctx.clock.now();
    engagementId = Number(
      (
        await ctx.database.db
          .insertInto('engagement')
          .values({
            code: 'SRCH',
            name: 'SRCH',
            start_date: '2026-01-01',
            end_date: '2026-12-31',
            created_at: now,
            updated_at: now,
          } as never)
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
    await add([
      { system: 'CORP', account: 'ÉTÉ2024', hash: H(1), secret: null },
      { system: 'CORP', account: 'svc_backup', hash: H(2), secret: null },
      { system: 'WS01', account: 'Administrator', hash: H(3), secret: null },
    ]);
  });
  afterEach(() => ctx.dispose());

  it('finds a piece of a name in any case, accents included, and short terms too', async () => {
    expect(await search('été20')).toEqual(['ÉTÉ2024']);
    expect(await search('BACKUP')).toEqual(['svc_backup']);
    expect(await search('ws0')).toEqual(['Administrator']);
    expect(await search('vc')).toEqual(['svc_backup']);
    expect(await search('"quoted"')).toEqual([]);
    expect(await search(H(3).toUpperCase())).toEqual(['Administrator']);
  });

  it('finds what a crack, a rename or a delete changed, before and after re-indexing', async () => {
    const db = ctx.database.db;
    await db
      .updateTable('credential')
      .set({ secret: 'Zebra!99' })
      .where('account', '=', 'svc_backup')
      .execute();
    await db
      .updateTable('credential')
      .set({ account: 'renamed', account_key: 'renamed' })
      .where('account', '=', 'Administrator')
      .execute();
    await db.deleteFrom('credential').where('account', '=', 'ÉTÉ2024').execute();
    const expectChanges = async () => {
      expect(await search('zebra')).toEqual(['svc_backup']);
      expect(await search('renam')).toEqual(['renamed']);
      expect(await search('admin')).toEqual([]);
      expect(await search('été20')).toEqual([]);
    };
    await expectChanges();
    await refreshCredentialSearch(db, 2);
    await expectChanges();
    while ((await refreshCredentialSearch(db)) > 0);
    await expectChanges();
    if (dialect === 'sqlite') {
      const noted = await sql<{ n: number }>`select count(*) as n from credential_search_dirty`.execute(db);
      expect(Number(noted.rows[0]?.n)).toBe(0);
    }
  });
});
