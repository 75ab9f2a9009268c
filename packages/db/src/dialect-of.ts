import { type Kysely, PostgresAdapter } from 'kysely';
import type { DialectName } from './database-url.ts';

/** The dialect behind a Kysely instance or transaction, for the few statements that differ. */
// biome-ignore lint/suspicious/noExplicitAny: works for any schema.
export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
