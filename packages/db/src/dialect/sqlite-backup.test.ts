import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Database } from '../create-db.ts';
import { parseDatabaseUrl } from '../database-url.ts';
import { vacuumInto, vacuumIntoOffThread } from './sqlite-backup.ts';

// Backups by copy are SQLite's; PostgreSQL is backed up with pg_dump, outside the app.
describe('SQLite backups with VACUUM INTO', () => {
  let dir: string;
  let database: Database;
  const file = () => path.join(dir, 'live.db');

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-backup-'));
    database = createDb({ target: parseDatabaseUrl(file(), dir) });
    await sql`create table note (id integer primary key, body text)`.execute(database.db);
    await sql`insert into note (body) values ('first'), ('second')`.execute(database.db);
  });
  afterAll(async () => {
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function notesIn(copy: string): Promise<string[]> {
    const opened = createDb({ target: parseDatabaseUrl(copy, dir), readonly: true });
    try {
      const { rows } = await sql<{ body: string }>`select body from note order by id`.execute(opened.db);
      return rows.map((r) => r.body);
    } finally {
      await opened.close();
    }
  }

  it('copies the open database, committed rows included', async () => {
    const out = path.join(dir, 'copy.db');
    const { bytes } = vacuumInto(file(), out);
    expect(bytes).toBe(fs.statSync(out).size);
    expect(await notesIn(out)).toEqual(['first', 'second']);
  });

  it('copies off the main thread too', async () => {
    const out = path.join(dir, 'copy-threaded.db');
    await vacuumIntoOffThread(file(), out, 60_000);
    expect(await notesIn(out)).toEqual(['first', 'second']);
  });

  it('leaves no partial file when the copy fails', async () => {
    const out = path.join(dir, 'missing-dir', 'copy.db');
    await expect(vacuumIntoOffThread(path.join(dir, 'no-such.db'), out, 60_000)).rejects.toThrow();
    expect(fs.existsSync(out)).toBe(false);
  });
});
