import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Database } from '../create-db.ts';
import { parseDatabaseUrl } from '../database-url.ts';
import { startWalCheckpointer } from './wal-checkpointer.ts';

// The write-ahead log is SQLite's; PostgreSQL checkpoints on its own.
describe('SQLite checkpoints on a thread of their own', () => {
  let dir: string;
  let database: Database;
  const file = () => path.join(dir, 'live.db');
  const autocheckpoint = () => database.sqlite?.pragma('wal_autocheckpoint', { simple: true });

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-checkpoint-'));
    database = createDb({ target: parseDatabaseUrl(file(), dir) });
    await sql`create table blob_row (id integer primary key, bytes blob)`.execute(database.db);
  });
  afterEach(async () => {
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('takes the checkpoint off the commits while it runs, and copies the log into the file', async () => {
    const sqlite = database.sqlite!;
    const checkpointer = await startWalCheckpointer(sqlite, file(), { intervalMs: 60_000 });
    expect(autocheckpoint()).toBe(0);
    // More than the 1000 pages a commit would otherwise checkpoint by itself.
    const insert = sqlite.prepare('insert into blob_row (bytes) values (?)');
    sqlite.transaction(() => {
      for (let i = 0; i < 20; i++) insert.run(Buffer.alloc(256 * 1024, i));
    })();
    const pending = sqlite.prepare('select count(*) as n from blob_row').get() as { n: number };
    expect(pending.n).toBe(20);
    const { log, checkpointed } = await checkpointer.flush();
    expect(log).toBeGreaterThan(1000);
    expect(checkpointed).toBe(log);
    // The rows are in the database file itself: a copy of it alone, without the log, holds them.
    const copy = path.join(dir, 'copy.db');
    fs.copyFileSync(file(), copy);
    await checkpointer.stop();
    expect(autocheckpoint()).toBe(1000);
    const opened = createDb({ target: parseDatabaseUrl(copy, dir), readonly: true });
    try {
      const { rows } = await sql<{ n: number }>`select count(*) as n from blob_row`.execute(opened.db);
      expect(Number(rows[0]?.n)).toBe(20);
    } finally {
      await opened.close();
    }
  });

  it('gives the checkpoint back to the commits when it stops, however often it is stopped', async () => {
    const checkpointer = await startWalCheckpointer(database.sqlite!, file(), { intervalMs: 10 });
    await checkpointer.stop();
    await checkpointer.stop();
    expect(autocheckpoint()).toBe(1000);
  });

  it('lets a process whose last step is stopping it finish (its thread is held until it has closed)', () => {
    // Only the checkpoint thread keeps such a process alive while it stops: were it let go, the event
    // loop would empty and the stop would never return (exit code 13, "unsettled top-level await").
    const here = path.dirname(new URL(import.meta.url).pathname);
    const script = `
      const { createDb } = await import(${JSON.stringify(path.join(here, '../create-db.ts'))});
      const { parseDatabaseUrl } = await import(${JSON.stringify(path.join(here, '../database-url.ts'))});
      const { startWalCheckpointer } = await import(${JSON.stringify(path.join(here, 'wal-checkpointer.ts'))});
      const file = ${JSON.stringify(path.join(dir, 'child.db'))};
      const database = createDb({ target: parseDatabaseUrl(file, ${JSON.stringify(dir)}) });
      const checkpointer = await startWalCheckpointer(database.sqlite, file);
      await checkpointer.stop();
      await database.close();
      process.stdout.write('stopped');
    `;
    const entry = path.join(dir, 'stop-last.mjs');
    fs.writeFileSync(entry, script);
    const child = spawnSync(process.execPath, ['--import', 'tsx', entry], {
      encoding: 'utf8',
    });
    expect({ status: child.status, out: child.stdout, err: child.stderr }).toEqual({
      status: 0,
      out: 'stopped',
      err: '',
    });
  });
});
