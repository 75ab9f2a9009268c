import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from './create-db.ts';
import { withStatementCache } from './sqlite-statement-cache.ts';

describe('the SQLite statement cache', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  function open() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-stmt-'));
    dirs.push(dir);
    const sqlite = openSqlite(path.join(dir, 'db.sqlite'));
    sqlite.exec('create table t (n integer)');
    for (let n = 1; n <= 3; n++) sqlite.prepare('insert into t values (?)').run(n);
    return { sqlite, cached: withStatementCache(sqlite, 2) };
  }

  it('hands back the same prepared statement for the same SQL', () => {
    const { sqlite, cached } = open();
    const first = cached.prepare('select n from t order by n');
    expect(cached.prepare('select n from t order by n')).toBe(first);
    expect(first.all([])).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    sqlite.close();
  });

  it('prepares a fresh statement while the cached one is still being iterated (a streamed query)', () => {
    const { sqlite, cached } = open();
    const sql = 'select n from t order by n';
    const streaming = cached.prepare(sql).iterate([]);
    expect(streaming.next().value).toEqual({ n: 1 });
    // Without the busy check this throws "This statement is busy executing a query".
    expect(cached.prepare(sql).all([])).toHaveLength(3);
    expect([...streaming]).toEqual([{ n: 2 }, { n: 3 }]);
    sqlite.close();
  });

  it('keeps at most its capacity, dropping the least recently used', () => {
    const { sqlite, cached } = open();
    const a = cached.prepare('select 1');
    const b = cached.prepare('select 2');
    expect(cached.prepare('select 1')).toBe(a); // a is now the most recent
    cached.prepare('select 3'); // evicts b
    expect(cached.prepare('select 1')).toBe(a);
    expect(cached.prepare('select 2')).not.toBe(b);
    sqlite.close();
  });
});
