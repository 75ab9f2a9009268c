import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseTarget, DialectName } from './database-url.ts';
import type { DB } from './schema.ts';
import { ImmediateSqliteDialect } from './sqlite-immediate-dialect.ts';
import { withStatementCache } from './sqlite-statement-cache.ts';

export interface DatabaseOptions {
  target: DatabaseTarget;
  /** How long a SQLite writer waits for the lock before failing (house rule 4). */
  busyTimeoutMs?: number;
  /** PostgreSQL pool size. */
  poolSize?: number;
  readonly?: boolean;
}

export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  target: DatabaseTarget;
  /** The raw better-sqlite3 handle (SQLite only), for backups and FTS maintenance. */
  sqlite?: SQLite.Database;
  /** The raw pg pool (PostgreSQL only), for LISTEN/NOTIFY and advisory locks. */
  pool?: pg.Pool;
  close(): Promise<void>;
}

// BIGINT (int8) and NUMERIC counts come back as strings from pg by default; our ids and epoch
// milliseconds all fit in a double, so parse them as numbers, matching SQLite.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export function openSqlite(file: string, options: { busyTimeoutMs?: number; readonly?: boolean } = {}) {
  if (!options.readonly) fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file, {
    readonly: options.readonly ?? false,
    timeout: options.busyTimeoutMs ?? 5000,
  });
  if (!options.readonly) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
  return sqlite;
}

export function createDb(options: DatabaseOptions): Database {
  const { target } = options;
  if (target.dialect === 'sqlite') {
    const sqlite = openSqlite(target.location, options);
    const db = new Kysely<DB>({
      dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }),
    });
    return { db, dialect: 'sqlite', target, sqlite, close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: target.location,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 10_000,
    // Every statement has a deadline; long exports set their own.
    statement_timeout: 60_000,
    // A read-only handle (plugin threads) cannot write, whatever its caller tries.
    ...(options.readonly ? { options: '-c default_transaction_read_only=on' } : {}),
  });
  // An idle client that errors (server restart) must not crash the process.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', target, pool, close: () => db.destroy() };
}
