import type { Generated } from 'kysely';

/**
 * The credential vault. Identity is case-insensitive through the `*_key` columns, which the writer
 * computes; `position` null marks the account's current credential of a type, 0.. its history.
 */
export interface CredentialTable {
  id: Generated<number>;
  engagement_id: number;
  source: string | null;
  source_time: number | null;
  system: Generated<string>;
  account: string;
  secret: string | null;
  hash: Generated<string>;
  hash_type: number | null;
  purpose: Generated<string>;
  enabled: Generated<number>;
  hibp_count: number | null;
  complexity: string | null;
  char_mask: string | null;
  char_mask_effort: number | null;
  structure: string | null;
  created_by: number | null;
  created_by_name: string;
  created_at: number;
  event_id: number | null;
  import_id: number | null;
  c2_action_id: number | null;
  position: number | null;
  system_key: string;
  account_key: string;
  hash_key: string;
  type_key: number;
}

export interface CredentialImportTable {
  id: Generated<number>;
  engagement_id: number;
  /** secretsdump, pwdump, grep, …, or `cracked`. */
  type: string;
  filename: string;
  /** queued (waiting for the worker), running, done, failed */
  status: string;
  created_by: number | null;
  created_by_name: string;
  created_at: number;
  finished_at: number | null;
  /** The import's result as JSON (the same shape the API answers). */
  result: string;
  /** The worker's job running a queued import (null: it ran in the request or the CLI). */
  job_id: number | null;
  bytes_total: number | null;
  bytes_done: Generated<number>;
  lines_done: Generated<number>;
}

export interface CredentialsTables {
  credential: CredentialTable;
  credential_import: CredentialImportTable;
}
