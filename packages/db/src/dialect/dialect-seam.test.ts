import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Database } from '../create-db.ts';
import { parseDatabaseUrl } from '../database-url.ts';
import { createTestDatabase, type TestDatabase, testDialects } from '../testing/index.ts';
import { jsonNumber } from './json-field.ts';
import { containsText, escapeLike, startsWithText } from './like.ts';
import { multiRowInsertText } from './multi-row-insert.ts';
import { listenChannel, notifyChannel } from './notify.ts';
import { lockRows, lockRowsSkipLocked } from './row-locks.ts';
import { lockTransaction } from './transaction-lock.ts';

// biome-ignore lint/suspicious/noExplicitAny: a scratch schema of the test's own.
type AnyDb = any;

const quietLogger = { warn: () => {} };

describe.each(testDialects())('the dialect seam on %s', (dialect) => {
  let testDb: TestDatabase;
  let database: Database;
  let other: Database;
  let db: AnyDb;

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    const target = parseDatabaseUrl(testDb.url, process.cwd());
    database = createDb({ target, logger: quietLogger });
    other = createDb({ target, logger: quietLogger });
    db = database.db;
    await sql`create table item (id integer primary key, label text, payload text)`.execute(db);
    await db
      .insertInto('item')
      .values([
        { id: 1, label: 'LSASS.exe dumped', payload: '{"domainEventId": 42}' },
        { id: 2, label: '100% done', payload: '{"other": 1}' },
        { id: 3, label: 'a_b', payload: '{}' },
        { id: 4, label: null, payload: '{"domainEventId": 7}' },
        { id: 5, label: 'a\\b', payload: '{}' },
      ])
      .execute();
  });
  afterAll(async () => {
    await other?.close();
    await database?.close();
    await testDb?.drop();
  });

  const labelsMatching = async (condition: ReturnType<typeof containsText>) =>
    (await db.selectFrom('item').select('id').where(condition).orderBy('id').execute()).map(
      (r: { id: number }) => r.id,
    );

  it('multiRowInsertText writes several rows in one prepared statement, with its tail', async () => {
    const text = multiRowInsertText(dialect, 'item', ['id', 'label'], 2, 'on conflict do nothing');
    expect(multiRowInsertText(dialect, 'item', ['id', 'label'], 2, 'on conflict do nothing')).toBe(text);
    const result = await db.executeQuery(CompiledQuery.raw(text, [1, 'kept as it was', 6, 'new row']));
    expect(Number(result.numAffectedRows)).toBe(1);
    const rows = await db
      .selectFrom('item')
      .select(['id', 'label'])
      .where('id', 'in', [1, 6])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { id: 1, label: 'LSASS.exe dumped' },
      { id: 6, label: 'new row' },
    ]);
    await db.deleteFrom('item').where('id', '=', 6).execute();
  });

  it('containsText ignores case and takes wildcards and backslashes literally', async () => {
    expect(await labelsMatching(containsText('label', 'lsass'))).toEqual([1]);
    expect(await labelsMatching(containsText('label', '%'))).toEqual([2]);
    expect(await labelsMatching(containsText('label', '_'))).toEqual([3]);
    expect(await labelsMatching(containsText('label', '\\'))).toEqual([5]);
    expect(await labelsMatching(containsText('label', 'zzz'))).toEqual([]);
  });

  it('startsWithText matches prefixes only', async () => {
    expect(await labelsMatching(startsWithText('label', 'Lsass'))).toEqual([1]);
    expect(await labelsMatching(startsWithText('label', 'dumped'))).toEqual([]);
    expect(escapeLike('50%_a\\')).toBe('50\\%\\_a\\\\');
  });

  it('jsonNumber reads a number out of a JSON text column', async () => {
    const rows = await db
      .selectFrom('item')
      .select('id')
      .where(jsonNumber(db, 'payload', 'domainEventId'), 'in', [42, 7])
      .orderBy('id')
      .execute();
    expect(rows.map((r: { id: number }) => r.id)).toEqual([1, 4]);
  });

  it('lockRows holds the selected rows until the transaction ends', async () => {
    await db.transaction().execute(async (tx: AnyDb) => {
      const query = tx.selectFrom('item').select('label').where('id', '=', 1).$call(lockRows(tx));
      expect(query.compile().sql.includes('for update')).toBe(dialect === 'postgres');
      await query.execute();
      if (dialect === 'postgres') {
        // Another connection cannot take the row while this transaction holds it.
        await expect(
          other.db
            .transaction()
            .execute((tx2: AnyDb) => sql`select id from item where id = 1 for update nowait`.execute(tx2)),
        ).rejects.toMatchObject({ code: '55P03' });
      }
    });
    // Released at commit.
    if (dialect === 'postgres')
      await other.db
        .transaction()
        .execute((tx2: AnyDb) => sql`select id from item where id = 1 for update nowait`.execute(tx2));
  });

  it('lockRowsSkipLocked hands rows another transaction holds to nobody else', async () => {
    await db.transaction().execute(async (tx: AnyDb) => {
      await tx.selectFrom('item').select('id').where('id', '=', 1).$call(lockRows(tx)).execute();
      if (dialect !== 'postgres') return;
      const seen: Array<{ id: number }> = await other.db
        .transaction()
        .execute((tx2: AnyDb) =>
          tx2.selectFrom('item').select('id').orderBy('id').$call(lockRowsSkipLocked(tx2)).execute(),
        );
      expect(seen.map((r) => r.id)).toEqual([2, 3, 4, 5]);
    });
  });

  it('lockTransaction holds a named lock until the transaction ends', async () => {
    const tryLock = (key: string) =>
      other.db.transaction().execute(async (tx2: AnyDb) => {
        const id = sql`hashtext(${key})`;
        const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${id}) as ok`.execute(
          tx2,
        );
        return rows[0]!.ok;
      });
    await db.transaction().execute(async (tx: AnyDb) => {
      await lockTransaction(tx, 'seam-test');
      if (dialect === 'postgres') {
        expect(await tryLock('seam-test')).toBe(false);
        expect(await tryLock('another-name')).toBe(true);
      }
    });
    if (dialect === 'postgres') expect(await tryLock('seam-test')).toBe(true);
  });

  it('notifyChannel wakes a listener in another connection once the transaction commits', async () => {
    const received: Array<string | undefined> = [];
    let wake: () => void = () => {};
    const woken = new Promise<void>((resolve) => {
      wake = resolve;
    });
    const listener = await listenChannel(
      database,
      'ss_seam_test',
      (payload) => {
        received.push(payload);
        wake();
      },
      quietLogger,
    );
    try {
      await other.db.transaction().execute(async (tx: AnyDb) => {
        await notifyChannel(tx, 'ss_seam_test', '17');
        // Nothing is delivered before the commit.
        expect(received).toEqual([]);
      });
      if (dialect === 'postgres') {
        await woken;
        expect(received).toEqual(['17']);
        expect(listener.pollMs).toBeGreaterThan(200);
      } else {
        // SQLite has no notifications: listeners poll, and often.
        expect(listener.pollMs).toBe(200);
      }
    } finally {
      await listener.close();
    }
  });

  it('createDb reads BIGINT values as numbers without changing pg for anyone else', async () => {
    const big = dialect === 'postgres' ? sql`cast(9007199254740 as bigint)` : sql`9007199254740`;
    const { rows } = await sql<{ n: unknown }>`select ${big} as n`.execute(db);
    expect(rows[0]!.n).toBe(9007199254740);
    if (dialect === 'postgres') {
      const pg = (await import('pg')).default;
      expect(pg.types.getTypeParser(20)('5')).toBe('5');
    }
  });
});

describe.runIf(testDialects().includes('postgres'))('PostgreSQL connection errors', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase('postgres');
  });
  afterAll(() => testDb?.drop());

  function capture() {
    const messages: string[] = [];
    let notify: () => void = () => {};
    const logged = new Promise<void>((resolve) => {
      notify = resolve;
    });
    return {
      messages,
      logged,
      logger: {
        warn: (_details: object, message: string) => {
          messages.push(message);
          notify();
        },
      },
    };
  }

  it('are logged when an idle pooled connection dies', async () => {
    const log = capture();
    const database = createDb({ target: parseDatabaseUrl(testDb.url, process.cwd()), logger: log.logger });
    const killer = createDb({ target: parseDatabaseUrl(testDb.url, process.cwd()), logger: quietLogger });
    try {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(database.db);
      await sql`select pg_terminate_backend(${rows[0]!.pid})`.execute(killer.db);
      await log.logged;
      expect(log.messages[0]).toMatch(/idle PostgreSQL connection failed/);
    } finally {
      await killer.close();
      await database.close();
    }
  });

  it('are logged when the LISTEN connection dies', async () => {
    const log = capture();
    const target = parseDatabaseUrl(testDb.url, process.cwd());
    const killer = createDb({ target, logger: quietLogger });
    const listener = await listenChannel(
      { dialect: 'postgres', target },
      'ss_seam_kill',
      () => {},
      log.logger,
    );
    try {
      await sql`select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and query like 'LISTEN ss_seam_kill%'`.execute(killer.db);
      await log.logged;
      expect(log.messages[0]).toMatch(/LISTEN connection failed/);
    } finally {
      await listener.close();
      await killer.close();
    }
  });
});
