import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';

/**
 * SQLite driver whose transactions start with `BEGIN IMMEDIATE`.
 *
 * A plain `BEGIN` takes the write lock lazily, at the first write; two processes that both read first
 * then write deadlock and one gets SQLITE_BUSY without waiting. `BEGIN IMMEDIATE` takes the write lock
 * up front, so the busy timeout applies and writers queue instead of failing.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}
