import { Migrator } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type Database } from '../create-db.ts';
import { parseDatabaseUrl } from '../database-url.ts';
import { migrateToLatest } from '../migrate.ts';
import {
  createTestDatabase,
  insertBareEngagement,
  type TestDatabase,
  testDialects,
} from '../testing/index.ts';
import { migrationProvider } from './index.ts';

/** Upgrading a database whose contexts predate the red team infrastructure flag. */
describe.each(testDialects())('migration 0025 (red team infrastructure) on %s', (dialect) => {
  let testDb: TestDatabase | undefined;
  let database: Database | undefined;
  afterEach(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it('keeps existing contexts as client hosts and lets a host be flagged afterwards', async () => {
    testDb = await createTestDatabase(dialect);
    database = createDb({ target: parseDatabaseUrl(testDb.url, process.cwd()) });
    const migrator = new Migrator({ db: database.db, provider: migrationProvider(database.dialect) });
    expect((await migrator.migrateTo('0024-search-attack-files')).error).toBeUndefined();
    const engagement = await insertBareEngagement(database.db, 'OLD');
    const old = await database.db
      .insertInto('context')
      .values({
        engagement_id: engagement.id,
        host: 'WS01',
        user: '',
        process: '',
        last_used_at: 0,
        created_at: 0,
        updated_at: 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await migrateToLatest(database);

    const vps = await database.db
      .insertInto('context')
      .values({
        engagement_id: engagement.id,
        host: 'vps.attacker.example',
        user: '',
        process: '',
        last_used_at: 0,
        red_team_infrastructure: 1,
        created_at: 0,
        updated_at: 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rows = await database.db
      .selectFrom('context')
      .select(['id', 'red_team_infrastructure'])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => ({ id: Number(r.id), flag: Number(r.red_team_infrastructure) }))).toEqual([
      { id: Number(old.id), flag: 0 },
      { id: Number(vps.id), flag: 1 },
    ]);
  });
});
