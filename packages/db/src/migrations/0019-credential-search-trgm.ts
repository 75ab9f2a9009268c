import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database-url.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then.
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect !== 'postgres') return;
  // The vault's contains-search ("every term in account, system, purpose or secret") on a trigram
  // index, so a rare term is found without reading the whole vault. pg_trgm ships with PostgreSQL and
  // is a trusted extension (the database owner may create it); where it cannot be created the search
  // still works, by reading the engagement's credentials.
  await sql`savepoint credential_trgm`.execute(db);
  try {
    await sql`create extension if not exists pg_trgm`.execute(db);
  } catch {
    await sql`rollback to savepoint credential_trgm`.execute(db);
    return;
  }
  await sql`release savepoint credential_trgm`.execute(db);
  // The expression is CREDENTIAL_SEARCH_TEXT_SQL (fulltext/credential-search.ts) as it was written then.
  await sql
    .raw(
      "create index credential_search_trgm on credential using gin ((account_key || ' ' || system_key || ' ' || lower(purpose) || ' ' || lower(coalesce(secret, ''))) gin_trgm_ops) where position is null",
    )
    .execute(db);
}
