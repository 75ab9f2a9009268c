import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.ts';

export type Tx = Transaction<DB>;

/**
 * Runs `fn` in one write transaction: `BEGIN IMMEDIATE` on SQLite (see sqlite-immediate-dialect.ts),
 * a normal transaction on PostgreSQL. Everything that belongs together goes through here (house rule 5).
 */
export function writeTransaction<T>(db: Kysely<DB>, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}
