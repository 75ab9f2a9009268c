import type { Generated } from 'kysely';

/**
 * Append-only revisions of events, chained per engagement: each revision's `hash` is an HMAC (key derived
 * from SECRET_KEY_FILE, never stored here) over its content and the previous revision's hash, so an edit
 * made directly in the database breaks the chain and `history verify` names it.
 */
export interface EventRevisionTable {
  id: Generated<number>;
  engagement_id: number;
  /** Position in the engagement's chain: 1, 2, 3… without gaps. */
  seq: number;
  event_id: number;
  /** create | update | delete | restore | undelete */
  action: string;
  /** JSON: the event as it stood after this change (fields, contexts, tags, files). */
  snapshot: string;
  /** JSON: `{ field: [before, after] }` against the previous revision of the same event. */
  diff: string;
  actor_user_id: number | null;
  created_at: number;
  prev_hash: string;
  hash: string;
}

/** The head of each engagement's chain, locked by every writer so concurrent writers never fork it. */
export interface HistoryHeadTable {
  engagement_id: number;
  seq: number;
  hash: string;
  updated_at: number;
}

export interface HistoryTables {
  event_revision: EventRevisionTable;
  history_head: HistoryHeadTable;
}
