import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { DialectName } from './database-url.ts';
import { lockTransaction } from './dialect/transaction-lock.ts';
import type { DB } from './schema.ts';
import { type Tx, writeTransaction } from './transaction.ts';

/**
 * Runs `fn` in a write transaction that holds a named, database-wide lock, so several processes (N
 * workers, M servers) never do the same one-off work twice. PostgreSQL: a transaction-scoped advisory
 * lock on a hash of the name. SQLite: `BEGIN IMMEDIATE` already holds the single write lock.
 */
export function withDatabaseLock<T>(
  db: Kysely<DB>,
  dialect: DialectName,
  name: string,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  return writeTransaction(db, async (tx) => {
    if (dialect === 'postgres') await lockTransaction(tx, name);
    return fn(tx);
  });
}

/**
 * Locks the selected rows for the rest of the transaction and skips rows another transaction holds
 * (PostgreSQL `FOR UPDATE SKIP LOCKED`), so concurrent claimers each get different rows. SQLite has
 * no row locks: its writers are serialised by `BEGIN IMMEDIATE`, so the query stays as it is.
 */
// biome-ignore lint/suspicious/noExplicitAny: applies to any select.
export function skipLocked<Q extends SelectQueryBuilder<DB, any, any>>(query: Q, dialect: DialectName): Q {
  return dialect === 'postgres' ? (query.forUpdate().skipLocked() as Q) : query;
}
