/**
 * The text the vault's contains-search looks in: account, system, purpose and secret, lower case,
 * separated by spaces (search terms never hold a space, so a term cannot match across two fields).
 * On PostgreSQL migration 0019 indexes exactly this expression with pg_trgm, so a query must use it
 * verbatim for the index to apply. SQLite finds terms of 3+ characters in its own trigram index
 * (migration 0030) and evaluates this expression for shorter terms and rows changed since indexing.
 */
export const CREDENTIAL_SEARCH_TEXT_SQL =
  "account_key || ' ' || system_key || ' ' || lower(purpose) || ' ' || lower(coalesce(secret, ''))";
