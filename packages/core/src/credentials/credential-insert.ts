import { dialectOf, multiRowInsertText, type Tx } from '@steppingstones/db';
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

/**
 * Inserts rows given as one flat parameter list (each row's values in INSERT_COLUMNS order) with
 * prepared multi-row statements, skipping any row that would break the identity or one-current
 * indexes. Returns how many rows went in.
 */
export async function insertCredentialRows(tx: Tx, params: unknown[]): Promise<number> {
  const dialect = dialectOf(tx);
  const width = INSERT_COLUMNS.length;
  const step = ROWS_PER_STATEMENT * width;
  let inserted = 0;
  for (let i = 0; i < params.length; i += step) {
    const chunk = i === 0 && params.length <= step ? params : params.slice(i, i + step);
    const result = await tx.executeQuery(
      CompiledQuery.raw(
        multiRowInsertText(
          dialect,
          'credential',
          INSERT_COLUMNS,
          chunk.length / width,
          'on conflict do nothing',
        ),
        chunk,
      ),
    );
    inserted += Number(result.numAffectedRows ?? 0n);
  }
  return inserted;
}
