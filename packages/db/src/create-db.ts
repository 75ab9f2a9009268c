import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, type LogConfig, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseTarget, DialectName } from './database-url.ts';
import { type DbLogger, stderrLogger } from './logger.ts';
import { createPrivateFile, makeFilesPrivate, makePrivateDir } from './private-files.ts';
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
  /** Where errors of idle pooled connections go (stderr until the process hands its logger over). */
  logger?: DbLogger;
  /** Kysely's query log (tests capture the SQL a query compiles to). */
  log?: LogConfig;
}

/** A raw better-sqlite3 handle (bulk loads, backups): its type, without importing the driver. */
export type SqliteConnection = SQLite.Database;
/** A client checked out of the pg pool (bulk loads with COPY): its type, without importing the driver. */
export type PgPoolClient = pg.PoolClient;

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

const INT8_OID = 20;

/**
 * BIGINT (int8) counts and ids come back as strings from pg by default; our ids and epoch milliseconds
 * all fit in a double, so they are parsed as numbers, matching SQLite. Set per pool, not on pg's global
 * table, so importing this module changes nothing.
 */
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (v: string) => Number.parseInt(v, 10)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

function createPrivateFileIfAbsent(file: string): void {
  try {
    createPrivateFile(file);
  } catch (error) {
    // Another process created it first: it has made it private itself.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

export function openSqlite(file: string, options: { busyTimeoutMs?: number; readonly?: boolean } = {}) {
  if (!options.readonly && file !== ':memory:') {
    makePrivateDir(path.dirname(file));
    // Created owner-only before SQLite opens it: its -wal and -shm then get the same mode.
    if (!fs.existsSync(file)) createPrivateFileIfAbsent(file);
    makeFilesPrivate(file, `${file}-wal`, `${file}-shm`);
  }
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
      ...(options.log ? { log: options.log } : {}),
    });
    return { db, dialect: 'sqlite', target, sqlite, close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: target.location,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 10_000,
    types: pgTypes,
    // Every statement has a deadline; long exports set their own.
    statement_timeout: 60_000,
    // A read-only handle (plugin threads) cannot write, whatever its caller tries.
    ...(options.readonly ? { options: '-c default_transaction_read_only=on' } : {}),
  });
  // An idle client that errors (server restart) must not crash the process, but someone should know.
  const logger = options.logger ?? stderrLogger;
  pool.on('error', (err) =>
    logger.warn({ err }, 'An idle PostgreSQL connection failed; the pool replaces it.'),
  );
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    ...(options.log ? { log: options.log } : {}),
  });
  return { db, dialect: 'postgres', target, pool, close: () => db.destroy() };
}
