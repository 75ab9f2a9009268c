import type { Generated } from 'kysely';

/** One imported EventStream line (docs/eventstream.md); absent strings are '', absent texts null. */
export interface EventStreamLineTable {
  id: Generated<number>;
  engagement_id: number;
  start_at: number;
  end_at: number | null;
  operator: string;
  source_host: string;
  source_user: string;
  source_process: string;
  target_host: string;
  target_user: string;
  target_process: string;
  description: string;
  raw_evidence: string | null;
  outcome: string | null;
  tactic_id: string | null;
  technique_id: string | null;
  /** JSON object of the line's keys the format does not name. */
  additional_data: string | null;
  /** Hash of every stored field: re-importing the same line adds nothing. */
  line_hash: string;
  /** The event the line was cloned into. */
  event_id: number | null;
  imported_by: number | null;
  /** The importer's username, or `cli`. */
  imported_by_name: string;
  created_at: number;
}

/** An import run in the background (answered 202): its progress, then its result. */
export interface EventStreamImportTable {
  id: Generated<number>;
  engagement_id: number;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  bytes_total: number | null;
  bytes_done: number;
  lines_done: number;
  /** JSON `{added, duplicates, rejected}` once succeeded. */
  result: string | null;
  error: string | null;
  created_by: number | null;
  created_at: number;
  finished_at: number | null;
  /** The worker's job running it (null for imports started before imports were queued). */
  job_id: number | null;
}

/** A credential the extractors found in a line (a line may hold several; one may be in several lines). */
export interface EventStreamLineCredentialTable {
  line_id: number;
  credential_id: number;
}

export interface EventStreamTables {
  eventstream_line: EventStreamLineTable;
  eventstream_line_credential: EventStreamLineCredentialTable;
  eventstream_import: EventStreamImportTable;
}
