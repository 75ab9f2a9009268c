import type { Generated } from 'kysely';

/** A team server, or an imported log archive standing in for one (docs/c2.md). */
export interface C2ServerTable {
  id: Generated<number>;
  engagement_id: number;
  name: string;
  kind: string;
  created_at: number;
  follower_batch_at: number | null;
  follower_lag_ms: number | null;
}

/** A beacon or SSH session; `external_id` is the framework's id, unique per server. */
export interface C2SessionTable {
  id: Generated<number>;
  server_id: number;
  external_id: string;
  parent_id: number | null;
  kind: 'beacon' | 'ssh';
  host: string;
  user: string;
  is_admin: Generated<number>;
  process: string;
  pid: number | null;
  os: string;
  os_version: string;
  os_build: string;
  arch: string;
  internal: string;
  external: string;
  listener: string;
  first_seen: number;
  last_seen: number;
  sleep_seconds: number | null;
  jitter_percent: number | null;
  event_id: Generated<number | null>;
}

/** One operator command; the JSON columns hold arrays of strings. */
export interface C2ActionTable {
  id: Generated<number>;
  session_id: number;
  start_at: number;
  operator: string;
  input: string;
  task: string;
  attack_ids: string;
  output: string;
  errors: string;
  indicators: string;
  natural_key: string;
  event_id: number | null;
}

export interface C2DownloadTable {
  id: Generated<number>;
  session_id: number;
  at: number;
  size: number;
  path: string;
  name: string;
  remote_path: string;
  natural_key: string;
  event_id: number | null;
}

/** A field of a session and its value; matching sessions are hidden everywhere. */
export interface C2ExclusionTable {
  id: Generated<number>;
  engagement_id: number;
  field: 'id' | 'user' | 'computer' | 'process' | 'internal' | 'external';
  value: string;
  created_by: number | null;
  created_at: number;
}

/** The watch bell on a quiet session. */
export interface C2WatchTable {
  id: Generated<number>;
  session_id: number;
  created_by: number | null;
  created_at: number;
  seen_at: number;
  returned_at: number | null;
}

/** A stretch of time a session was present: consecutive check-ins (migration 0029). */
export interface C2PresenceTable {
  id: Generated<number>;
  session_id: number;
  start_at: number;
  end_at: number;
  sleep_seconds: number | null;
  jitter_percent: number | null;
}

export interface C2Tables {
  c2_server: C2ServerTable;
  c2_session: C2SessionTable;
  c2_action: C2ActionTable;
  c2_download: C2DownloadTable;
  c2_exclusion: C2ExclusionTable;
  c2_watch: C2WatchTable;
  c2_presence: C2PresenceTable;
}
