/**
 * Whether a driver error is a unique-constraint violation (SQLite's SQLITE_CONSTRAINT_UNIQUE or
 * PostgreSQL's 23505). Services check for a clash before inserting, for a friendly message; this catches
 * the writer that lost a race between that check and its insert (on PostgreSQL both can pass the check).
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
