import { EVENT_HEADER, neutraliseCell } from '@steppingstones/core/exchange';
import { normaliseSearchText } from '@steppingstones/db';
import { sql } from 'kysely';
import type { DatasetInfo } from '../generators/dataset-info.ts';
import { eventBodies } from './event-bodies.ts';
import type { ApiSession } from './events-api.ts';
import type { BenchEnv } from './types.ts';

/**
 * A real exported file to import: the oldest `rows` events of the dataset's engagement, exported through
 * the API (`to` = the start time of the last one), so the import reads exactly what users round-trip.
 * Returns the CSV and the ids of the events it holds (at least `rows`).
 */
export async function exportedFile(
  env: BenchEnv,
  session: ApiSession,
  rows: number,
): Promise<{ csv: string; ids: number[] }> {
  const dataset = env.dataset!;
  const { rows: picked } = await sql<{ id: number; start_at: number }>`
    select id, start_at from event where engagement_id = ${dataset.engagementId} and deleted_at is null
    order by start_at, id limit ${rows}`.execute(env.database.db);
  const last = picked.at(-1);
  if (!last) throw new Error('the dataset has no events to export');
  // Events that share the last start time come along: the file holds all of them.
  const { rows: all } = await sql<{ id: number }>`
    select id from event where engagement_id = ${dataset.engagementId} and deleted_at is null
    and start_at <= ${Number(last.start_at)} order by start_at, id`.execute(env.database.db);
  const to = new Date(Number(last.start_at)).toISOString();
  const res = await session.get(
    `/api/v1/events/export/?format=csv&engagement=${dataset.engagementCode}&to=${encodeURIComponent(to)}`,
  );
  if (res.status !== 200) throw new Error(`export answered ${res.status}: ${res.text.slice(0, 200)}`);
  return { csv: res.text, ids: all.map((r) => Number(r.id)) };
}

const EVENT_COLUMNS = [
  'engagement_id',
  'start_at',
  'end_at',
  'operator_user_id',
  'source_context_id',
  'target_context_id',
  'tactic_id',
  'technique_id',
  'subtechnique_id',
  'description',
  'raw_evidence',
  'outcome',
  'detected',
  'prevented',
  'starred',
  'version',
  'created_by',
  'updated_by',
  'created_at',
  'updated_at',
] as const;

/**
 * The import's baseline: the same event rows inserted by hand into `engagementId`, each with its
 * full-text row, in one transaction through prepared statements of the raw driver (no parsing, no
 * validation, no contexts, tags, history or outbox). Resolves to the number of rows written.
 */
export async function bareInsert(
  env: BenchEnv,
  ids: number[],
): Promise<(engagementId: number) => Promise<number>> {
  const { rows: source } = await sql<Record<(typeof EVENT_COLUMNS)[number], unknown>>`
    select ${sql.join(EVENT_COLUMNS.map((c) => sql.ref(c)))} from event where id in (${sql.join(ids)})
    order by start_at, id`.execute(env.database.db);
  const valuesOf = (r: (typeof source)[number], engagementId: number) =>
    EVENT_COLUMNS.map((c) => (c === 'engagement_id' ? engagementId : r[c]));
  const searchText = (r: (typeof source)[number]) =>
    normaliseSearchText([r.description, r.outcome, r.raw_evidence].join('\n'));
  const insertSql = (p: (n: number) => string) =>
    `insert into event (${EVENT_COLUMNS.join(', ')}) values (${EVENT_COLUMNS.map((_, i) => p(i + 1)).join(', ')}) returning id`;
  if (env.database.sqlite) {
    const db = env.database.sqlite;
    const insertEvent = db.prepare(insertSql(() => '?'));
    const insertFts = db.prepare('insert into event_fts (rowid, pub, sec) values (?, ?, ?)');
    const all = db.transaction((engagementId: number) => {
      for (const r of source) {
        const { id } = insertEvent.get(...valuesOf(r, engagementId)) as { id: number };
        insertFts.run(id, searchText(r), '');
      }
    });
    return async (engagementId) => {
      all.immediate(engagementId);
      return source.length;
    };
  }
  const pool = env.database.pool!;
  return async (engagementId) => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      for (const r of source) {
        const { rows } = await client.query<{ id: number }>({
          name: 'bench-import-event',
          text: insertSql((n) => `$${n}`),
          values: valuesOf(r, engagementId),
        });
        await client.query({
          name: 'bench-import-search',
          text: "insert into event_search (event_id, doc_public) values ($1, to_tsvector('simple', $2))",
          values: [rows[0]!.id, searchText(r)],
        });
      }
      await client.query('commit');
      return source.length;
    } catch (error) {
      await client.query('rollback');
      throw error;
    } finally {
      client.release();
    }
  };
}

type Body = ReturnType<typeof eventBodies>['bodies'][number];

const quoted = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

/**
 * New events (another seed than the dataset's) as a CSV file in the export's columns, formula cells
 * guarded as the export guards them: what a client imports while the team works (ATT&CK name columns
 * are left empty; import reads the ids).
 */
export function csvOfNewEvents(dataset: DatasetInfo, rows: number, seedOffset: number): string {
  const { bodies } = eventBodies(dataset, rows, seedOffset);
  const cells = (b: Body): Record<string, string> => ({
    'Timestamp (UTC)': b.timestamp,
    'Timestamp End (UTC)': b.timestamp_end ?? '',
    'Source Host': b.source.host,
    'Source User': b.source.user,
    'Source Process': b.source.process,
    'Target Host': b.target.host,
    'Target User': b.target.user,
    'Target Process': b.target.process,
    'Tactic ID': b.mitre_attack_tactic ?? '',
    'Technique ID': b.mitre_attack_technique ?? '',
    'Sub-technique ID': b.mitre_attack_subtechnique ?? '',
    Description: b.description,
    'Raw Evidence': b.raw_evidence,
    Outcome: b.outcome,
    Detected: b.detected,
    Prevented: b.prevented,
    Tags: b.tags.length ? JSON.stringify(b.tags) : '',
  });
  const line = (values: string[]) => `${values.map(quoted).join(',')}\r\n`;
  return (
    line(EVENT_HEADER) +
    bodies.map((b) => line(EVENT_HEADER.map((name) => neutraliseCell(cells(b)[name] ?? '')))).join('')
  );
}
