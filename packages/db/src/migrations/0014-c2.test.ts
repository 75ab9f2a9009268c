import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../create-db.ts';
import {
  createMigratedTestDatabase,
  insertBareEngagement,
  type TestDatabase,
  testDialects,
} from '../testing/index.ts';

describe.each(testDialects())('migration 0014 (C2) on %s', (dialect) => {
  let testDb: TestDatabase;
  let database: Database;
  afterEach(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it('keeps one session per server and id, one action per natural key, and cascades with the server', async () => {
    ({ testDb, database } = await createMigratedTestDatabase(dialect));
    const db = database.db;
    const e = await insertBareEngagement(db, 'C');
    const server = await db
      .insertInto('c2_server')
      .values({ engagement_id: e.id, name: 'ts', kind: 'cobalt-strike', created_at: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const session = {
      server_id: server.id,
      external_id: '1',
      kind: 'beacon' as const,
      host: 'h',
      user: 'u',
      process: 'p',
      pid: 1,
      os: '',
      os_version: '',
      os_build: '',
      arch: '',
      internal: '',
      external: '',
      listener: '',
      first_seen: 0,
      last_seen: 0,
      sleep_seconds: null,
      jitter_percent: null,
      parent_id: null,
    };
    const s = await db.insertInto('c2_session').values(session).returning('id').executeTakeFirstOrThrow();
    await expect(db.insertInto('c2_session').values(session).execute()).rejects.toThrow(/unique|duplicate/i);
    const action = {
      session_id: s.id,
      start_at: 0,
      operator: 'neo',
      input: 'ls',
      task: '',
      attack_ids: '[]',
      output: '',
      errors: '',
      indicators: '[]',
      natural_key: 'k',
    };
    await db.insertInto('c2_action').values(action).execute();
    await expect(db.insertInto('c2_action').values(action).execute()).rejects.toThrow(/unique|duplicate/i);
    await db.deleteFrom('c2_server').execute();
    expect(await db.selectFrom('c2_action').select('id').execute()).toEqual([]);
  });
});
