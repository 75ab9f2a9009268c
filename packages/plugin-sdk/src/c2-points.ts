import type { EngagementInfo, PluginLogger } from './context.ts';

/**
 * What a C2 source yields, whatever the framework (Cobalt Strike, Sliver, Mythic, Havoc…): sessions,
 * operator actions and downloads, each keyed by the framework's own session id. The host's one import
 * path turns them into rows, idempotent on each record's natural key; times are epoch milliseconds UTC.
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

/** An entry the source could not read: the file (and line) and why. */
export interface C2Rejection {
  entry: string;
  reason: string;
}

export interface C2ParseResult {
  records: C2Record[];
  rejected: C2Rejection[];
}

/** What a C2 source's parse is given besides the file. */
export interface C2SourceContext {
  engagement: EngagementInfo;
  logger: PluginLogger;
  /** Aborts when the import is cancelled or passes its deadline. */
  signal: AbortSignal;
}

/**
 * A C2 framework's log format (the C2 page's import and `c2 import --adapter KEY`). The host opens
 * archives (.tar, .tar.gz, .zip, with caps and no paths leaving them) and hands each member the source
 * `wants` to `parseFile`, one file at a time, so memory stays flat whatever the archive's size.
 */
export interface C2SourcePoint {
  /** The adapter name users pass (`--adapter`, `&adapter=`); kebab-case, never renamed. */
  key: string;
  title: string;
  /** The framework, kebab-case (`cobalt-strike`); stored as the kind of the servers it fills. */
  framework: string;
  category?: string;
  icon?: string;
  description?: string;
  /** Permission codes needed besides `c2.add`, which the host always adds. */
  requires?: readonly string[];
  /** What the upload form offers (e.g. `.tar.gz`, `.log`). */
  accepts: { extensions: readonly string[] };
  /** The files it reads, for messages (e.g. `beacon_*.log, ssh_*.log or downloads.log`). */
  files: string;
  /** Whether a member path (archive-relative, `/`-separated) is a file this source reads. */
  wants(path: string): boolean;
  /** One file to records; pure, never throws for bad input (a problem is a rejection). */
  parseFile(ctx: C2SourceContext, file: { path: string; text: string }): C2ParseResult;
}

/** Keeps a C2 source's type checked where it is declared. */
export function c2Source(point: C2SourcePoint): C2SourcePoint {
  return point;
}
