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

/** One event of its own engagement, written straight into the tables as an older version left it. */
async function insertBareEvent(db: Database['db']): Promise<void> {
  const engagement = await insertBareEngagement(db, 'OLD');
  const user = await db
    .insertInto('app_user')
    .values({
      username: 'op',
      username_key: 'op',
      display_name: '',
      password_hash: 'x',
      is_superuser: 0,
      is_active: 1,
      timezone: null,
      theme: 'auto',
      current_engagement_id: null,
      auth_epoch: 0,
      last_login_at: null,
      password_changed_at: 0,
      created_at: 0,
      updated_at: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const context = await db
    .insertInto('context')
    .values({
      engagement_id: engagement.id,
      host: 'WS01',
      user: 'pw: Secret-1',
      process: '',
      last_used_at: 0,
      created_at: 0,
      updated_at: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('event')
    .values({
      engagement_id: engagement.id,
      start_at: 0,
      end_at: null,
      operator_user_id: user.id,
      source_context_id: context.id,
      target_context_id: context.id,
      tactic_id: null,
      technique_id: null,
      subtechnique_id: null,
      description: 'old',
      raw_evidence: '',
      outcome: '',
      detected: 'UNK',
      prevented: 'N/A',
      starred: 0,
      version: 1,
      created_by: user.id,
      updated_by: user.id,
      created_at: 0,
      updated_at: 0,
      deleted_at: null,
    })
    .execute();
}

/** Upgrading a database whose search documents predate the masking of contexts and tags. */
describe.each(testDialects())('migration 0022 (search reindex) on %s', (dialect) => {
  let testDb: TestDatabase | undefined;
  let database: Database | undefined;
  afterEach(async () => {
    await database?.close();
    await testDb?.drop();
  });

  const reindexJobs = (db: Database['db']) =>
    db
      .selectFrom('job')
      .select(['task', 'status', 'engagement_id', 'payload'])
      .where('task', '=', 'core:search.reindex')
      .execute();

  it.each([
    { withEvent: true, says: 'queues one reindex for the worker when events exist' },
    { withEvent: false, says: 'queues nothing on a database without events' },
  ])('$says', async ({ withEvent }) => {
    testDb = await createTestDatabase(dialect);
    database = createDb({ target: parseDatabaseUrl(testDb.url, process.cwd()) });
    const migrator = new Migrator({ db: database.db, provider: migrationProvider(database.dialect) });
    const before = await migrator.migrateTo('0021-eventstream-line-identity');
    expect(before.error).toBeUndefined();
    if (withEvent) await insertBareEvent(database.db);
    await migrateToLatest(database);
    expect(await reindexJobs(database.db)).toEqual(
      withEvent
        ? [{ task: 'core:search.reindex', status: 'queued', engagement_id: null, payload: '{}' }]
        : [],
    );
  });
});

/** Upgrading a database whose search documents predate ATT&CK ids and file names in them. */
describe.each(testDialects())('migration 0024 (search reindex for ATT&CK ids and files) on %s', (dialect) => {
  let testDb: TestDatabase | undefined;
  let database: Database | undefined;
  afterEach(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it('queues a reindex again after the earlier one ran, and no second one while it still waits', async () => {
    testDb = await createTestDatabase(dialect);
    database = createDb({ target: parseDatabaseUrl(testDb.url, process.cwd()) });
    const db = database.db;
    const migrator = new Migrator({ db, provider: migrationProvider(database.dialect) });
    expect((await migrator.migrateTo('0021-eventstream-line-identity')).error).toBeUndefined();
    await insertBareEvent(db);
    expect((await migrator.migrateTo('0023-webhook-delivery-message')).error).toBeUndefined();
    await db
      .updateTable('job')
      .set({ status: 'succeeded' })
      .where('task', '=', 'core:search.reindex')
      .execute();
    await migrateToLatest(database);
    const statuses = await db
      .selectFrom('job')
      .select('status')
      .where('task', '=', 'core:search.reindex')
      .orderBy('id')
      .execute();
    expect(statuses.map((j) => j.status)).toEqual(['succeeded', 'queued']);
  });
});
