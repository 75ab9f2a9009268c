import { dialectOf, type Tx } from '@steppingstones/db';
import { CompiledQuery } from 'kysely';

/** The columns a vault writer fills, in the order of the prepared multi-row insert. */
export const INSERT_COLUMNS = [
  'engagement_id',
  'source',
  'source_time',
  'system',
  'account',
  'secret',
  'hash',
  'hash_type',
  'purpose',
  'enabled',
  'created_by',
  'created_by_name',
  'created_at',
  'event_id',
  'import_id',
  'c2_action_id',
  'position',
  'system_key',
  'account_key',
  'hash_key',
  'type_key',
  'complexity',
  'char_mask',
  'char_mask_effort',
  'structure',
] as const;

/** Rows per statement: 25 columns x 1000 stays under both dialects' parameter limits. */
export const ROWS_PER_STATEMENT = 1000;

const textCache = new Map<string, string>();

function insertText(dialect: 'sqlite' | 'postgres', rows: number): string {
  const cacheKey = `${dialect}:${rows}`;
  const cached = textCache.get(cacheKey);
  if (cached) return cached;
  let n = 0;
  const tuple = () => `(${INSERT_COLUMNS.map(() => (dialect === 'postgres' ? `$${++n}` : '?')).join(',')})`;
  const values = Array.from({ length: rows }, tuple).join(',');
  const text = `insert into credential (${INSERT_COLUMNS.join(',')}) values ${values} on conflict do nothing`;
  if (textCache.size > 64) textCache.clear();
  textCache.set(cacheKey, text);
  return text;
}

/**
 * Inserts rows given as one flat parameter list (each row's values in INSERT_COLUMNS order) with
 * prepared multi-row statements, skipping any row that would break the identity or one-current
 * indexes. Returns how many rows went in. The statement text is built by hand (and cached per row
 * count) because building a 21,000-value query through the query builder costs more than running it.
 */
export async function insertCredentialRows(tx: Tx, params: unknown[]): Promise<number> {
  const dialect = dialectOf(tx);
  const width = INSERT_COLUMNS.length;
  const step = ROWS_PER_STATEMENT * width;
  let inserted = 0;
  for (let i = 0; i < params.length; i += step) {
    const chunk = i === 0 && params.length <= step ? params : params.slice(i, i + step);
    const result = await tx.executeQuery(CompiledQuery.raw(insertText(dialect, chunk.length / width), chunk));
    inserted += Number(result.numAffectedRows ?? 0n);
  }
  return inserted;
}
