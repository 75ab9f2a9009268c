import type SQLite from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** How many distinct statements stay prepared: the app's queries, with room for `IN (…)` list lengths. */
const DEFAULT_CAPACITY = 500;

/**
 * The database handle Kysely sees, with prepared statements kept by their SQL (least recently used out).
 *
 * Kysely's SQLite driver prepares every query anew; for the grid's ten-join page query preparing cost
 * more than running it. A statement still being iterated (a streamed query) is busy: the same SQL then
 * gets a fresh statement instead of the cached one.
 */
export function withStatementCache(sqlite: SQLite.Database, capacity = DEFAULT_CAPACITY): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        // Re-insert to mark it most recently used (a Map iterates in insertion order).
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = sqlite.prepare(sql);
      if (!cached) {
        cache.set(sql, statement);
        if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
      }
      return statement;
    },
  };
}
