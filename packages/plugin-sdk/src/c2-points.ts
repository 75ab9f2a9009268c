import type { EngagementInfo, PluginLogger } from './context.ts';

/**
 * What a C2 source yields, whatever the framework (Cobalt Strike, Sliver, Mythic, Havoc…): sessions,
 * operator actions and downloads, each keyed by the framework's own session id. The host's one import
 * path turns them into rows, idempotent on each record's natural key; times are epoch milliseconds UTC.
 *
 * @example
 * ```ts
 * const label = (s: C2SessionRecord) => `${s.user}@${s.host} (${s.process}, pid ${s.pid ?? '?'})`;
 * ```
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

/**
 * An operator action in a session: the command, its task text and its output.
 *
 * @example
 * ```ts
 * const action: C2ActionRecord = {
 *   type: 'action',
 *   sessionExternalId: '12345',
 *   start: Date.UTC(2026, 2, 1, 9, 30),
 *   ordinal: 0,
 *   operator: 'alice',
 *   input: 'shell whoami',
 *   task: 'Tasked beacon to run: whoami',
 *   attackIds: ['T1033'],
 *   output: 'acme\\alice',
 *   errors: '',
 *   indicators: [],
 * };
 * ```
 */
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

/**
 * A file the operator downloaded from a session.
 *
 * @example
 * ```ts
 * const kib = (d: C2DownloadRecord) => `${d.name} (${Math.ceil(d.size / 1024)} KiB) from ${d.remotePath}`;
 * ```
 */
export interface C2DownloadRecord {
  type: 'download';
  sessionExternalId: string;
  at: number;
  size: number;
  path: string;
  name: string;
  remotePath: string;
}

/**
 * A moment the session called home (a check-in, its first metadata, output it sent back). The host
 * folds a session's check-ins into presence intervals: a gap longer than the sleep × (1 + jitter) in
 * effect starts a new one. `sleep` is the sleep in effect after this check-in as far as the source
 * knows (null when the file has not shown one: the host carries the previous one over). Optional to
 * yield: a source without check-ins simply has no presences.
 *
 * @example
 * ```ts
 * const checkin: C2CheckinRecord = {
 *   type: 'checkin',
 *   sessionExternalId: '12345',
 *   at: Date.UTC(2026, 2, 1, 10, 2),
 *   sleep: { seconds: 60, jitterPercent: 20 },
 * };
 * ```
 */
export interface C2CheckinRecord {
  type: 'checkin';
  sessionExternalId: string;
  at: number;
  sleep: { seconds: number; jitterPercent: number } | null;
}

/**
 * Any record a C2 source yields; `type` tells them apart.
 *
 * @example
 * ```ts
 * function sessionOf(record: C2Record): string {
 *   return record.type === 'session' ? record.externalId : record.sessionExternalId;
 * }
 * ```
 */
export type C2Record = C2SessionRecord | C2ActionRecord | C2DownloadRecord | C2CheckinRecord;

/**
 * An entry the source could not read: the file (and line) and why.
 *
 * @example
 * ```ts
 * const rejection: C2Rejection = { entry: 'logs/260301/beacon_1.log:17', reason: 'no timestamp' };
 * ```
 */
export interface C2Rejection {
  entry: string;
  reason: string;
}

/**
 * What `parseFile` returns for one file: the records it read and the entries it could not.
 *
 * @example
 * ```ts
 * const nothing: C2ParseResult = { records: [], rejected: [{ entry: 'notes.txt', reason: 'not a beacon log' }] };
 * ```
 */
export interface C2ParseResult {
  records: C2Record[];
  rejected: C2Rejection[];
}

/**
 * What a C2 source's parse is given besides the file.
 *
 * @example
 * ```ts
 * function warnSkipped(ctx: C2SourceContext, path: string) {
 *   if (!ctx.signal.aborted) ctx.logger.warn('skipped', { path, engagement: ctx.engagement.code });
 * }
 * ```
 */
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
 *
 * @example
 * ```ts
 * const point: C2SourcePoint = {
 *   key: 'my-c2',
 *   title: 'My C2 logs',
 *   framework: 'my-c2',
 *   accepts: { extensions: ['.log', '.tar.gz'] },
 *   files: 'session_*.log',
 *   wants: (path) => /(^|\/)session_[^/]+\.log$/.test(path),
 *   parseFile: (_ctx, file) => ({ records: [], rejected: [{ entry: file.path, reason: 'empty' }] }),
 * };
 * ```
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
  /** The deadline of one `parseFile` in its plugin thread, terminated when it passes. Default 30 000. */
  timeoutMs?: number;
  /**
   * For `c2 follow`: how many characters of a growing file's new text (whole lines) are complete, so
   * the follower sends only those and keeps the rest until more arrives (an action whose output may
   * still come). Without it every whole line is complete. The rest of a file is sent anyway once a
   * newer day folder exists.
   */
  followSplit?(path: string, text: string): number;
}

/**
 * Keeps a C2 source's type checked where it is declared.
 *
 * @example
 * ```ts
 * const source = c2Source({
 *   key: 'my-c2',
 *   title: 'My C2 logs',
 *   framework: 'my-c2',
 *   accepts: { extensions: ['.log'] },
 *   files: 'session_*.log',
 *   wants: (path) => path.endsWith('.log'),
 *   parseFile: () => ({ records: [], rejected: [] }),
 * });
 * ```
 */
export function c2Source(point: C2SourcePoint): C2SourcePoint {
  return point;
}
