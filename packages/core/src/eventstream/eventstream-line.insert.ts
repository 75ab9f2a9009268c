import { dialectOf, multiRowInsertText, type Tx } from '@steppingstones/db';
import { CompiledQuery, type QueryResult } from 'kysely';
import type { EventStreamValues } from './eventstream-format.ts';

/** The columns an import fills, in the order of the prepared multi-row insert. */
const COLUMNS = [
  'engagement_id',
  'start_at',
  'end_at',
  'operator',
  'source_host',
  'source_user',
  'source_process',
  'target_host',
  'target_user',
  'target_process',
  'description',
  'raw_evidence',
  'outcome',
  'tactic_id',
  'technique_id',
  'additional_data',
  'line_hash',
  'imported_by',
  'imported_by_name',
  'created_at',
] as const;

/** Rows per statement: 20 columns x 1000 stays under both dialects' parameter limits. */
export const LINES_PER_STATEMENT = 1000;

/** A line the engagement already holds is skipped. */
const SKIP_KNOWN = 'on conflict (engagement_id, start_at, line_hash) do nothing';
/** …and the hashes that went in come back (a quarter of the statement's cost on SQLite). */
const SKIP_KNOWN_RETURNING = `${SKIP_KNOWN} returning line_hash`;

export interface LineRowMeta {
  engagementId: number;
  importedBy: number | null;
  importedByName: string;
  createdAt: number;
}

type Lines = ReadonlyArray<{ values: EventStreamValues; hash: string }>;

/**
 * Inserts lines with prepared multi-row statements (the statement text is built by hand and cached
 * per row count: building a 20,000-value query through the query builder costs more than running
 * it). A line whose hash the engagement already holds is skipped. Returns the hashes that went in.
 */
export async function insertLineRows(tx: Tx, meta: LineRowMeta, lines: Lines): Promise<Set<string>> {
  const inserted = new Set<string>();
  await insertChunks(tx, meta, lines, SKIP_KNOWN_RETURNING, (result) => {
    for (const row of result.rows as Array<{ line_hash: string }>) inserted.add(row.line_hash);
  });
  return inserted;
}

/**
 * The same insert when only the number of new lines matters (nothing is read from the new lines
 * afterwards): no rows come back, the database only counts.
 */
export async function insertLineRowsCounted(tx: Tx, meta: LineRowMeta, lines: Lines): Promise<number> {
  let added = 0;
  await insertChunks(tx, meta, lines, SKIP_KNOWN, (result) => {
    added += Number(result.numAffectedRows ?? 0n);
  });
  return added;
}

async function insertChunks(
  tx: Tx,
  meta: LineRowMeta,
  lines: Lines,
  tail: string,
  take: (result: QueryResult<unknown>) => void,
): Promise<void> {
  const dialect = dialectOf(tx);
  for (let from = 0; from < lines.length; from += LINES_PER_STATEMENT) {
    const chunk = lines.slice(from, from + LINES_PER_STATEMENT);
    const params: unknown[] = new Array(chunk.length * COLUMNS.length);
    let p = 0;
    for (const { values: v, hash } of chunk) {
      params[p++] = meta.engagementId;
      params[p++] = v.start_at;
      params[p++] = v.end_at;
      params[p++] = v.operator;
      params[p++] = v.source_host;
      params[p++] = v.source_user;
      params[p++] = v.source_process;
      params[p++] = v.target_host;
      params[p++] = v.target_user;
      params[p++] = v.target_process;
      params[p++] = v.description;
      params[p++] = v.raw_evidence;
      params[p++] = v.outcome;
      params[p++] = v.tactic_id;
      params[p++] = v.technique_id;
      params[p++] = v.additional_data;
      params[p++] = hash;
      params[p++] = meta.importedBy;
      params[p++] = meta.importedByName;
      params[p++] = meta.createdAt;
    }
    take(
      await tx.executeQuery(
        CompiledQuery.raw(
          multiRowInsertText(dialect, 'eventstream_line', COLUMNS, chunk.length, tail),
          params,
        ),
      ),
    );
  }
}
