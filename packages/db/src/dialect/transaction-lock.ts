import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect-of.ts';

/**
 * Takes a database-wide lock named by `key` until the caller's write transaction ends. PostgreSQL: a
 * transaction-scoped advisory lock (a number is used as it is, a name is hashed). SQLite: nothing to
 * do, the transaction's `BEGIN IMMEDIATE` already holds the single write lock.
 */
// biome-ignore lint/suspicious/noExplicitAny: works for any schema.
export async function lockTransaction(tx: Kysely<any>, key: string | number): Promise<void> {
  if (dialectOf(tx) !== 'postgres') return;
  const id = typeof key === 'number' ? sql`${key}` : sql`hashtext(${key})`;
  await sql`select pg_advisory_xact_lock(${id})`.execute(tx);
}
