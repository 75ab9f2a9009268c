import { createDb, type Database } from '../create-db.ts';
import { type DialectName, parseDatabaseUrl } from '../database-url.ts';
import { migrateToLatest } from '../migrate.ts';
import { createTestDatabase, type TestDatabase } from './test-databases.ts';

/** A fresh test database with every migration applied (close `database`, then drop `testDb`). */
export async function createMigratedTestDatabase(
  dialect: DialectName,
): Promise<{ testDb: TestDatabase; database: Database }> {
  const testDb = await createTestDatabase(dialect);
  const database = createDb({ target: parseDatabaseUrl(testDb.url, process.cwd()) });
  try {
    await migrateToLatest(database);
  } catch (error) {
    // The caller never gets them, so it cannot clean them up.
    await database.close();
    await testDb.drop();
    throw error;
  }
  return { testDb, database };
}

/** A bare engagement row (code and name `code`) for a migration test to hang its rows on. */
export async function insertBareEngagement(db: Database['db'], code: string): Promise<{ id: number }> {
  return db
    .insertInto('engagement')
    .values({
      code,
      name: code,
      description: '',
      start_date: '2026-01-01',
      end_date: '2026-01-02',
      created_at: 0,
      updated_at: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
