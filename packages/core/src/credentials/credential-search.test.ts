import type { DB } from '@steppingstones/db';
import { writeTransaction } from '@steppingstones/db';
import { testDialects } from '@steppingstones/db/testing';
import { credentialListQuerySchema } from '@steppingstones/shared/credentials';
import { CompiledQuery, expressionBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../permissions/index.ts';
import { inTransaction } from '../service-context.ts';
import { createTestContext, type TestContext } from '../testing/index.ts';
import { arrangeOperator } from '../testing/test-operator.ts';
import { credentialConditions } from './credential.filter.ts';
import { listCredentials } from './credential.queries.ts';
import { ingestFindings, type VaultFinding } from './credential-ingest.service.ts';

const finding = (i: number, extra: Partial<VaultFinding> = {}): VaultFinding => ({
  system: 'CORP',
  account: `user${i}`,
  hash: i.toString(16).padStart(32, '0'),
  hashType: 1000,
  secret: null,
  purpose: 'Windows Login',
  source: 'test',
  ...extra,
});

describe.each(testDialects())('the vault’s contains-search on %s', (dialect) => {
  let ctx: TestContext;
  let principal: Principal;
  let engagementId: number;
  const search = async (term: string) =>
    (
      await listCredentials(
        ctx.services(),
        principal,
        credentialListQuerySchema.parse({
          engagement: 'SRCH',
          search: term,
          sort: 'account',
          page_size: '1000',
        }),
      )
    ).results.map((c) => c.account);

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    const arranged = await arrangeOperator(ctx.services(), ['SRCH']);
    principal = arranged.principal;
    engagementId = arranged.engagementIds[0] as number;
    // Enough rows that a planner prefers an index to reading the engagement's rows.
    const findings = Array.from({ length: 20_000 }, (_, i) => finding(i + 10));
    findings.push(
      finding(1, { account: 'Svc_Backup', system: 'FILESRV01' }),
      finding(2, { account: 'bob', purpose: 'VPN portal', secret: 'Tr0ub4dor&3' }),
      finding(3, { account: 'under_score', purpose: '100% legit' }),
    );
    await writeTransaction(ctx.database.db, (tx) =>
      ingestFindings(inTransaction(ctx.services(), tx), {
        engagementId,
        findings,
        origin: {},
        actor: { userId: null, username: 'cli' },
      }),
    );
  });
  afterAll(() => ctx?.dispose());

  it('finds a term inside account, system, purpose or secret, in any case, and every term must match', async () => {
    expect(await search('BACKUP')).toEqual(['Svc_Backup']);
    expect(await search('srv0')).toEqual(['Svc_Backup']);
    expect(await search('portal')).toEqual(['bob']);
    expect(await search('ub4DOR')).toEqual(['bob']);
    expect(await search('vpn tr0ub')).toEqual(['bob']);
    expect(await search('vpn backup')).toEqual([]);
    expect(await search('user19999')).toEqual(['user19999']);
    // LIKE's wildcards are plain characters in a search; a term never spans two fields.
    expect(await search('%')).toEqual(['under_score']);
    expect(await search('r_s')).toEqual(['under_score']);
    expect(await search('corp user199')).toHaveLength(111);
    expect(await search('corpuser')).toEqual([]);
  });

  it.runIf(dialect === 'postgres')('looks a rare term up in the trigram index on PostgreSQL', async () => {
    const db = ctx.database.db;
    const query = db
      .selectFrom('credential')
      .select('credential.id')
      .where((eb) =>
        eb.and(
          credentialConditions(expressionBuilder<DB, 'credential'>(), engagementId, { search: 'svc_back' }),
        ),
      )
      .compile();
    const plan = await db.transaction().execute(async (tx) => {
      await tx.executeQuery(CompiledQuery.raw('analyze credential'));
      for (const scan of ['seqscan', 'indexscan'])
        await tx.executeQuery(CompiledQuery.raw(`set local enable_${scan} = off`));
      const out = await tx.executeQuery(CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]));
      return (out.rows as Array<{ 'QUERY PLAN': string }>).map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('credential_search_trgm');
  });
});
