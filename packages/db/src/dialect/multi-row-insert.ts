import type { DialectName } from '../database-url.ts';

/** Per column list (the writers' constant arrays), the texts by dialect, table, row count and tail. */
const texts = new WeakMap<readonly string[], Map<string, string>>();

/**
 * The text of a prepared multi-row INSERT of `rows` rows of `columns` into `table`, with each dialect's
 * placeholders (`$1…` on PostgreSQL, `?` on SQLite) and `tail` after the values (ON CONFLICT,
 * RETURNING). Bulk writers build it by hand, cached per shape, because building a 20,000-value query
 * through the query builder costs more than running it.
 */
export function multiRowInsertText(
  dialect: DialectName,
  table: string,
  columns: readonly string[],
  rows: number,
  tail = '',
): string {
  let shapes = texts.get(columns);
  if (!shapes) {
    shapes = new Map();
    texts.set(columns, shapes);
  }
  const key = `${dialect}\u0000${table}\u0000${rows}\u0000${tail}`;
  const cached = shapes.get(key);
  if (cached) return cached;
  let n = 0;
  const tuple = () => `(${columns.map(() => (dialect === 'postgres' ? `$${++n}` : '?')).join(',')})`;
  const values = Array.from({ length: rows }, tuple).join(',');
  const text = `insert into ${table} (${columns.join(',')}) values ${values}${tail ? ` ${tail}` : ''}`;
  // A few shapes recur (a full batch, the last partial one); an unusual run must not grow it for ever.
  if (shapes.size > 64) shapes.clear();
  shapes.set(key, text);
  return text;
}
