import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb } from './create-db.ts';
import { parseDatabaseUrl } from './database-url.ts';
import { migrateToLatest } from './migrate.ts';
import { createTestDatabase, type TestDatabase } from './testing/index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

function runWriter(
  dbFile: string,
  key: string,
  rounds: number,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(here, 'testing/concurrent-writer.fixture.ts'),
        dbFile,
        key,
        String(rounds),
      ],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('SQLite writes through BEGIN IMMEDIATE', () => {
  let testDb: TestDatabase;
  afterEach(() => testDb?.drop());

  it('let two processes doing read-then-write transactions at once both finish, losing no update', async () => {
    testDb = await createTestDatabase('sqlite');
    const database = createDb({ target: parseDatabaseUrl(testDb.url, process.cwd()) });
    await migrateToLatest(database);
    await database.db.insertInto('app_state').values({ key: 'counter', value: '0', updated_at: 0 }).execute();
    await database.close();

    const rounds = 200;
    const [a, b] = await Promise.all([
      runWriter(testDb.url, 'counter', rounds),
      runWriter(testDb.url, 'counter', rounds),
    ]);
    expect(a.stderr).toBe('');
    expect(b.stderr).toBe('');
    expect([a.code, b.code]).toEqual([0, 0]);

    const check = createDb({ target: parseDatabaseUrl(testDb.url, process.cwd()) });
    const row = await check.db
      .selectFrom('app_state')
      .select('value')
      .where('key', '=', 'counter')
      .executeTakeFirstOrThrow();
    await check.close();
    // A plain BEGIN would deadlock the two read-then-write transactions (SQLITE_BUSY) or lose updates.
    expect(Number(row.value)).toBe(rounds * 2);
  }, 60_000);
});
