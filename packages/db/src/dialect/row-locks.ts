import type { Kysely, SelectQueryBuilder } from 'kysely';
import { dialectOf } from '../dialect-of.ts';

// biome-ignore lint/suspicious/noExplicitAny: applies to any select of any schema.
type AnySelect = SelectQueryBuilder<any, any, any>;

/**
 * Locks the rows a select reads until the transaction ends, so a read-check-write cannot interleave
 * with another writer's. PostgreSQL: `FOR UPDATE` (of `table` only, when the select joins others).
 * SQLite has no row locks and needs none: `BEGIN IMMEDIATE` already serialises its writers.
 * Use with `$call`: `tx.selectFrom('event')….$call(lockRows(tx, 'event'))`.
 */
// biome-ignore lint/suspicious/noExplicitAny: works for any schema.
export function lockRows(tx: Kysely<any>, table?: string): <Q extends AnySelect>(query: Q) => Q {
  if (dialectOf(tx) !== 'postgres') return (query) => query;
  return (query) => (table === undefined ? query.forUpdate() : query.forUpdate(table)) as typeof query;
}

/**
 * Like `lockRows`, but skips rows another transaction holds (`FOR UPDATE SKIP LOCKED`), so concurrent
 * claimers each get different rows. SQLite: the query as it is (one writer at a time).
 */
// biome-ignore lint/suspicious/noExplicitAny: works for any schema.
export function lockRowsSkipLocked(tx: Kysely<any>): <Q extends AnySelect>(query: Q) => Q {
  if (dialectOf(tx) !== 'postgres') return (query) => query;
  return (query) => query.forUpdate().skipLocked() as typeof query;
}
