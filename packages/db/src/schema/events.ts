import type { Generated } from 'kysely';

/**
 * The event log. Contexts, tags and files are per engagement and shared by many events; editing one
 * changes every event that uses it. Full-text search lives in dialect-specific structures
 * (`event_fts` FTS5 table on SQLite, `event_search` tsvectors on PostgreSQL), see `fulltext/`.
 */
export interface ContextTable {
  id: Generated<number>;
  engagement_id: number;
  host: string;
  user: string;
  process: string;
  /** When an event last started using this context as source or target: "recent use" order. */
  last_used_at: number | null;
  /** 1 when the host is the red team's own (attacker VPS, cracking box), reported apart from the client's. */
  red_team_infrastructure: Generated<number>;
  version: Generated<number>;
  created_at: number;
  updated_at: number;
}

export interface EventTable {
  id: Generated<number>;
  engagement_id: number;
  start_at: number;
  end_at: number | null;
  operator_user_id: number;
  source_context_id: number;
  target_context_id: number;
  /** ATT&CK ids (`TA0001`, `T1059`, `T1059.001`), not foreign keys: ATT&CK updates must not break events. */
  tactic_id: string | null;
  technique_id: string | null;
  subtechnique_id: string | null;
  description: string;
  raw_evidence: string;
  outcome: string;
  /** N/A, UNK, NEG, PAR, FUL */
  detected: string;
  /** N/A, NEG, PAR, FUL */
  prevented: string;
  starred: number;
  /** Optimistic concurrency: bumped by every content change; the API's ETag. */
  version: number;
  created_by: number | null;
  updated_by: number | null;
  created_at: number;
  updated_at: number;
  /** Soft delete: a deleted event is 404 everywhere; history (issue 5) can bring it back. */
  deleted_at: number | null;
}

export interface TagTable {
  id: Generated<number>;
  engagement_id: number;
  name: string;
  /** Lower-cased name: tags are case-insensitive within an engagement. */
  name_lower: string;
  created_at: number;
}

export interface EventTagTable {
  event_id: number;
  tag_id: number;
}

export interface FileTable {
  id: Generated<number>;
  engagement_id: number;
  filename: string;
  size: number | null;
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
  description: string | null;
  version: Generated<number>;
  created_at: number;
  updated_at: number;
}

export interface FileDistributionTable {
  id: Generated<number>;
  event_id: number;
  file_id: number;
  location: string | null;
  removed: number;
}

/** Who has an event's form open: refreshed by a heartbeat, stale rows mean nobody (see core/presence). */
export interface EventPresenceTable {
  event_id: number;
  user_id: number;
  engagement_id: number;
  /** When this user opened the form. */
  since: number;
  /** The last heartbeat. */
  seen_at: number;
}

export interface EventsTables {
  event_presence: EventPresenceTable;
  context: ContextTable;
  event: EventTable;
  tag: TagTable;
  event_tag: EventTagTable;
  file: FileTable;
  file_distribution: FileDistributionTable;
}
