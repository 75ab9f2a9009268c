import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../create-db.ts';
import {
  createMigratedTestDatabase,
  insertBareEngagement,
  type TestDatabase,
  testDialects,
} from '../testing/index.ts';

describe.each(testDialects())('migration 0011 (credential vault) on %s', (dialect) => {
  let testDb: TestDatabase;
  let database: Database;
  afterEach(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it('refuses a second row of one identity and a second current hash per account and type', async () => {
    ({ testDb, database } = await createMigratedTestDatabase(dialect));
    const db = database.db;
    const e = await insertBareEngagement(db, 'V');
    const row = (hash: string, position: number | null) => ({
      engagement_id: e.id,
      system: '',
      account: 'Bob',
      hash,
      hash_type: 1000,
      created_by_name: 'cli',
      created_at: 0,
      position,
      system_key: '',
      account_key: 'bob',
      hash_key: hash.toLowerCase(),
      type_key: 1000,
    });
    await db.insertInto('credential').values(row('AA', null)).execute();
    // Same identity (even as history, even with an empty system): refused.
    await expect(db.insertInto('credential').values(row('aa', 0)).execute()).rejects.toThrow(
      /unique|duplicate/i,
    );
    // Another current hash of the same type for the account: refused; as history it is fine.
    await expect(db.insertInto('credential').values(row('BB', null)).execute()).rejects.toThrow(
      /unique|duplicate/i,
    );
    await db.insertInto('credential').values(row('BB', 0)).execute();
    const stored = await db
      .selectFrom('credential')
      .select(['hash', 'position', 'enabled'])
      .orderBy('id')
      .execute();
    expect(stored).toEqual([
      { hash: 'AA', position: null, enabled: 1 },
      { hash: 'BB', position: 0, enabled: 1 },
    ]);
  });
});
