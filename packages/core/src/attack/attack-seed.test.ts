import { createDb, type Database, migrateToLatest, parseDatabaseUrl } from '@steppingstones/db';
import { createTestDatabase, testDialects } from '@steppingstones/db/testing';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.ts';
import { ensureAttackData } from './index.ts';

const clock = fixedClock();
const at = (database: Database) => ({ db: database.db, clock });

describe.each(testDialects())('loading the vendored ATT&CK data on %s', (dialect) => {
  it('loads exactly once when several processes start together', async () => {
    const testDb = await createTestDatabase(dialect);
    // Two independent connections, like a server and a worker starting at the same moment.
    const a = createDb({ target: parseDatabaseUrl(testDb.url, process.cwd()) });
    const b = createDb({ target: parseDatabaseUrl(testDb.url, process.cwd()) });
    try {
      await migrateToLatest(a);
      // better-sqlite3 is synchronous: two connections in ONE process cannot interleave a write
      // transaction (the waiting one blocks the event loop), so on SQLite the starts are sequential
      // here; separate processes queue on BEGIN IMMEDIATE (see packages/db sqlite-immediate.test.ts).
      const loaded =
        dialect === 'postgres'
          ? await Promise.all([ensureAttackData(at(a)), ensureAttackData(at(b)), ensureAttackData(at(a))])
          : [await ensureAttackData(at(a)), await ensureAttackData(at(b))];
      expect(loaded.filter(Boolean)).toHaveLength(1);
      const n = await b.db
        .selectFrom('attack_technique')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(691);
    } finally {
      await a.close();
      await b.close();
      await testDb.drop();
    }
  });
});
