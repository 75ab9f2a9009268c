import { createEngagement } from '@steppingstones/core/engagements';
import type { Principal } from '@steppingstones/core/permissions';
import { createTestContext, insertTestUser, type TestContext } from '@steppingstones/core/testing';
import { createDb, type Database } from '@steppingstones/db';
import { testDialects } from '@steppingstones/db/testing';
import { eventListQuerySchema } from '@steppingstones/shared/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEvents } from './event.queries.ts';
import { seedEvents } from './testing/index.ts';

/**
 * The SQL the grid and the search send, per dialect, kept as files next to this test: an edit that
 * changes a query (and so, maybe, its plan) shows up in review as a diff of these files. Run
 * `npx vitest run -u <this file>` (with TEST_DATABASE_URL for PostgreSQL) to accept a change on purpose,
 * then measure it with `npm run bench -- --quick --filter events-grid`.
 */
describe.each(testDialects())('the SQL of the event grid on %s', (dialect) => {
  let ctx: TestContext;
  let logged: Database;
  let statements: string[] = [];
  let red: Principal;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    const db = ctx.database.db;
    const userId = await insertTestUser(db, 'op');
    const engagement = await createEngagement(ctx.services(), {
      code: 'SNAP',
      name: 'Snapshot',
      start_date: '2026-01-01',
      end_date: '2026-12-31',
    });
    await seedEvents(ctx.database, { engagementId: engagement.id, operatorUserId: userId, count: 60 });
    red = {
      userId,
      username: 'op',
      isSuperuser: false,
      permissions: new Set(['event.view', 'credential.view']),
      engagementIds: [engagement.id],
      via: 'session',
    } as Principal;
    logged = createDb({
      target: ctx.database.target,
      log: (event) => {
        statements.push(event.query.sql.replace(/\s+/g, ' ').trim());
      },
    });
  });
  afterAll(async () => {
    await logged?.close();
    await ctx?.dispose();
  });

  async function sqlOf(query: Record<string, string | number>, options = {}): Promise<string> {
    statements = [];
    await listEvents(logged.db, red, eventListQuerySchema.parse({ engagement: 'SNAP', ...query }), options);
    return `${statements.join(';\n\n')};\n`;
  }

  const file = (name: string) => `./__sql__/${name}.${dialect}.sql`;

  it('pages the grid', async () => {
    await expect(await sqlOf({ page_size: 25 })).toMatchFileSnapshot(file('grid-first-page'));
    await expect(
      await sqlOf({ page_size: 25, sort: 'detected', tactic: 'TA0006', detected: 'FUL' }),
    ).toMatchFileSnapshot(file('grid-filtered-sorted'));
  });

  it('searches rare and common words', async () => {
    await expect(await sqlOf({ search: 'zebracorn' })).toMatchFileSnapshot(file('search-rare'));
    await expect(await sqlOf({ search: 'secretsdump' }, { commonSearchMatches: 1 })).toMatchFileSnapshot(
      file('search-common'),
    );
  });
});
