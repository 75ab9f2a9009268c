export { postgresAdminQuery } from './admin-query.ts';
export {
  createDb,
  type Database,
  type DatabaseOptions,
  openSqlite,
  type PgPoolClient,
  type SqliteConnection,
} from './create-db.ts';
export {
  type DatabaseTarget,
  type DialectName,
  parseDatabaseUrl,
  redactDatabaseUrl,
} from './database-url.ts';
export * from './dialect/index.ts';
export { dialectOf } from './dialect-of.ts';
export * from './fulltext/index.ts';
export { skipLocked, withDatabaseLock } from './locks.ts';
export { type DbLogger, stderrLogger } from './logger.ts';
export { type MigrationReport, migrateToLatest, pendingMigrations } from './migrate.ts';
export {
  createPrivateFile,
  makeFilesPrivate,
  makePrivateDir,
  PRIVATE_DIR_MODE,
  PRIVATE_FILE_MODE,
} from './private-files.ts';
export type { DB } from './schema.ts';
export * from './schema.ts';
export { type Tx, writeTransaction } from './transaction.ts';
export { isUniqueViolation } from './unique-violation.ts';
