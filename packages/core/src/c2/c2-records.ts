/**
 * What a C2 source adapter yields, whatever the framework: sessions, operator actions and downloads,
 * each keyed by the framework's own session id. The import turns them into rows, idempotent on each
 * record's natural key.
 */
export interface C2SessionRecord {
  type: 'session';
  externalId: string;
  parentExternalId: string | null;
  kind: 'beacon' | 'ssh';
  host: string;
  user: string;
  isAdmin: boolean;
  process: string;
  pid: number | null;
  os: string;
  osVersion: string;
  osBuild: string;
  arch: string;
  internal: string;
  external: string;
  listener: string;
  firstSeen: number;
  lastSeen: number;
  /** The latest sleep the log shows (seconds; 0 = interactive) and when it was set. */
  sleep: { seconds: number; jitterPercent: number; at: number } | null;
}

export interface C2ActionRecord {
  type: 'action';
  sessionExternalId: string;
  start: number;
  /** Tells two actions with the same start and input apart (their order in the log). */
  ordinal: number;
  operator: string;
  input: string;
  task: string;
  attackIds: string[];
  output: string;
  errors: string;
  indicators: string[];
}

export interface C2DownloadRecord {
  type: 'download';
  sessionExternalId: string;
  at: number;
  size: number;
  path: string;
  name: string;
  remotePath: string;
}

export type C2Record = C2SessionRecord | C2ActionRecord | C2DownloadRecord;

/** An entry the adapter could not read: the file (and line) and why. */
export interface C2Rejection {
  entry: string;
  reason: string;
}

export interface C2ParseResult {
  records: C2Record[];
  rejected: C2Rejection[];
}
