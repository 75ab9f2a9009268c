import type { ColumnDefinitionBuilder, CreateTableBuilder } from 'kysely';
import type { DialectName } from '../database-url.ts';

/**
 * Column helpers so one migration body serves both dialects. Only the id column differs:
 * SQLite needs `INTEGER PRIMARY KEY AUTOINCREMENT` to alias the rowid, PostgreSQL uses identity.
 */
export function withId<T extends string>(table: CreateTableBuilder<T, never>, dialect: DialectName) {
  return dialect === 'postgres'
    ? table.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** A foreign key column; `onDelete` defaults to restrict so nothing disappears by accident. */
export function fk(table: string, onDelete: 'cascade' | 'restrict' | 'set null' = 'restrict') {
  return (c: ColumnDefinitionBuilder) => c.references(`${table}.id`).onDelete(onDelete);
}
