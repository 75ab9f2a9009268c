import { type Kysely, type RawBuilder, sql } from 'kysely';
import { dialectOf } from '../dialect-of.ts';

/**
 * A number stored under `key` in a JSON text column (null when absent). PostgreSQL casts the text to
 * jsonb and the value to bigint; SQLite's `json_extract` returns the number as it is.
 */
// biome-ignore lint/suspicious/noExplicitAny: works for any schema.
export function jsonNumber(db: Kysely<any>, column: string, key: string): RawBuilder<number | null> {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(`Unsupported JSON key: ${key}`);
  return dialectOf(db) === 'postgres'
    ? sql<number | null>`((${sql.ref(column)}::jsonb) ->> ${key})::bigint`
    : sql<number | null>`json_extract(${sql.ref(column)}, ${`$.${key}`})`;
}
