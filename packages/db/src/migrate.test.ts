import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type Database } from './create-db.ts';
import { parseDatabaseUrl } from './database-url.ts';
import { migrateToLatest, pendingMigrations } from './migrate.ts';
import { createTestDatabase, type TestDatabase, testDialects } from './testing/index.ts';

describe.each(testDialects())('migrations on %s', (dialect) => {
  let testDb: TestDatabase;
  let database: Database;

  afterEach(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it('run up from an empty database, then find nothing pending', async () => {
    testDb = await createTestDatabase(dialect);
    database = createDb({ target: parseDatabaseUrl(testDb.url, process.cwd()) });
    expect((await pendingMigrations(database)).length).toBeGreaterThan(0);

    const first = await migrateToLatest(database);
    expect(first.applied).toContain('0001-core');
    expect(await pendingMigrations(database)).toEqual([]);
    expect((await migrateToLatest(database)).applied).toEqual([]);

    // The tables exist and accept the documented shapes.
    const now = Date.now();
    await database.db
      .insertInto('engagement')
      .values({
        code: 'E1',
        name: 'One',
        description: '',
        start_date: '2026-01-01',
        end_date: '2026-01-02',
        created_at: now,
        updated_at: now,
      })
      .execute();
    const row = await database.db.selectFrom('engagement').selectAll().executeTakeFirstOrThrow();
    expect(row.archived).toBe(0);
    expect(typeof row.id).toBe('number');
    expect(row.created_at).toBe(now);
  });

  it('enforce the engagement date check in the database itself', async () => {
    testDb = await createTestDatabase(dialect);
    database = createDb({ target: parseDatabaseUrl(testDb.url, process.cwd()) });
    await migrateToLatest(database);
    await expect(
      sql`insert into engagement (code, name, description, start_date, end_date, created_at, updated_at)
          values ('BAD', 'Bad', '', '2026-02-01', '2026-01-01', 0, 0)`.execute(database.db),
    ).rejects.toThrow(/check/i);
  });
});
