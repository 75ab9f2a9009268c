import { sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDb } from '../create-db.ts';
import { parseDatabaseUrl } from '../database-url.ts';
import { createTestDatabase, type TestDatabase, testDialects } from './test-databases.ts';

describe('testDialects', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('fails under CI=true when PostgreSQL is not configured, instead of skipping its tests', () => {
    vi.stubEnv('CI', 'true');
    vi.stubEnv('TEST_DATABASE_URL', '');
    expect(() => testDialects()).toThrow(/CI=true but TEST_DATABASE_URL is not set/);
  });

  it('runs SQLite alone outside CI, and both dialects once TEST_DATABASE_URL is set', () => {
    vi.stubEnv('CI', '');
    vi.stubEnv('TEST_DATABASE_URL', '');
    expect(testDialects()).toEqual(['sqlite']);
    vi.stubEnv('TEST_DATABASE_URL', 'postgres://u@127.0.0.1:5432/postgres');
    expect(testDialects()).toEqual(['sqlite', 'postgres']);
  });
});

describe.each(testDialects())('createTestDatabase on %s', (dialect) => {
  const made: TestDatabase[] = [];
  afterEach(async () => {
    for (const testDb of made.splice(0)) await testDb.drop();
  });

  it('gives every caller (so every parallel worker) a database of its own', async () => {
    const [a, b] = await Promise.all([createTestDatabase(dialect), createTestDatabase(dialect)]);
    made.push(a, b);
    expect(a.url).not.toBe(b.url);
    const dbA = createDb({ target: parseDatabaseUrl(a.url, process.cwd()) });
    const dbB = createDb({ target: parseDatabaseUrl(b.url, process.cwd()) });
    try {
      await sql`create table only_in_a (id integer)`.execute(dbA.db);
      await expect(sql`select * from only_in_a`.execute(dbB.db)).rejects.toThrow(/only_in_a/);
    } finally {
      await dbA.close();
      await dbB.close();
    }
  });
});
