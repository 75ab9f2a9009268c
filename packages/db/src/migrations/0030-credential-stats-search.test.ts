import { Migrator, sql } from 'kysely';
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

/** Upgrading a vault that predates the statistics indexes and SQLite's trigram search. */
describe.each(testDialects())('migration 0030 (credential statistics and search) on %s', (dialect) => {
  let testDb: TestDatabase | undefined;
  let database: Database | undefined;
  afterEach(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it('indexes the credentials already stored, current ones only, and keeps new ones in step', async () => {
    testDb = await createTestDatabase(dialect);
    database = createDb({ target: parseDatabaseUrl(testDb.url, process.cwd()) });
    const migrator = new Migrator({ db: database.db, provider: migrationProvider(database.dialect) });
    expect((await migrator.migrateTo('0027-event-comments')).error).toBeUndefined();
    const engagement = await insertBareEngagement(database.db, 'OLD');
    const row = (account: string, hash: string, position: number | null) => ({
      engagement_id: engagement.id,
      system: 'CORP',
      account,
      hash,
      hash_type: 1000,
      secret: null,
      purpose: 'Windows Login',
      created_by_name: 'test',
      created_at: 0,
      position,
      system_key: 'corp',
      account_key: account.toLowerCase(),
      hash_key: hash,
      type_key: 1000,
    });
    await database.db
      .insertInto('credential')
      .values([row('Ærøskøbing', 'a'.repeat(32), null), row('oldhash', 'b'.repeat(32), 0)])
      .execute();
    await migrateToLatest(database);
    await database.db
      .insertInto('credential')
      .values(row('newcomer', 'c'.repeat(32), null))
      .execute();

    const indexes = await (dialect === 'sqlite'
      ? sql<{
          name: string;
        }>`select name from sqlite_master where type = 'index' and name like 'credential_%'`
      : sql<{ name: string }>`select indexname as name from pg_indexes where tablename = 'credential'`
    ).execute(database.db);
    expect(indexes.rows.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        'credential_secret_use',
        'credential_cracked_type',
        'credential_breach_checked',
      ]),
    );
    if (dialect !== 'sqlite') return;
    const find = async (term: string) =>
      (
        await sql<{
          account: string;
        }>`select account from credential where id in (select rowid from credential_search where credential_search match ${`"${term}"`}) order by account`.execute(
          database?.db as Database['db'],
        )
      ).rows.map((r) => r.account);
    expect(await find('ærø')).toEqual(['Ærøskøbing']);
    expect(await find('oldhash')).toEqual([]);
    expect(await find('newcom')).toEqual(['newcomer']);
  });
});
