import { type Expression, type SqlBool, sql } from 'kysely';

/**
 * Escapes LIKE's wildcards (`%`, `_`) and its escape character, for patterns written with
 * `escape '\'` (both dialects honour that clause the same way).
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * True when the column's text contains `term`, ignoring case (a null column never matches). `term` is
 * taken literally: wildcards in it are escaped. Both dialects compare `lower()` of each side, so the
 * same words match on SQLite and PostgreSQL.
 */
export function containsText(column: string, term: string): Expression<SqlBool> {
  const pattern = `%${escapeLike(term.toLowerCase())}%`;
  return sql<SqlBool>`lower(coalesce(${sql.ref(column)}, '')) like ${pattern} escape '\\'`;
}

/** True when the column's text starts with `term`, ignoring case; `term` is taken literally. */
export function startsWithText(column: string, term: string): Expression<SqlBool> {
  const pattern = `${escapeLike(term.toLowerCase())}%`;
  return sql<SqlBool>`lower(coalesce(${sql.ref(column)}, '')) like ${pattern} escape '\\'`;
}
