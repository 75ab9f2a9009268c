/**
 * The context the host gives every plugin call. It is built by the host inside the worker thread that
 * runs the call, from the caller's principal, the engagement, the filter and the parameters; every
 * query re-checks them. Plugins never see the database.
 */

/**
 * Structured logging, already bound to the plugin and point (every line carries both).
 *
 * @example
 * ```ts
 * function logPage(logger: PluginLogger, rows: number) {
 *   logger.info('page rendered', { rows });
 * }
 * ```
 */
export interface PluginLogger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

/**
 * The user a call runs for, with the permission codes they hold in this engagement.
 *
 * @example
 * ```ts
 * const who = (p: PluginPrincipal) => (p.isSuperuser ? `${p.username} (superuser)` : p.username);
 * ```
 */
export interface PluginPrincipal {
  userId: number;
  username: string;
  isSuperuser: boolean;
  /** Permission codes (e.g. `event.view`); a superuser holds all of them. */
  permissions: readonly string[];
}

/**
 * The engagement a report, source or C2 import runs in.
 *
 * @example
 * ```ts
 * const heading = (e: EngagementInfo) => `${e.name} (${e.code}), ${e.startDate} to ${e.endDate}`;
 * ```
 */
export interface EngagementInfo {
  id: number;
  code: string;
  name: string;
  /** `YYYY-MM-DD` */
  startDate: string;
  endDate: string;
}

/**
 * The events grid's filter, as the URL carries it (`search`, `tag`, `untagged`, `tactic`, `technique`,
 * `detected`, `prevented`, `operator`, `starred`, `from`, `to`). Already validated; reports pass it on
 * implicitly: `ctx.events` always applies it.
 *
 * @example
 * ```ts
 * const searched = (filter: EventFilter) => (typeof filter.search === 'string' ? filter.search : '');
 * ```
 */
export type EventFilter = Readonly<Record<string, string | readonly string[] | boolean | undefined>>;

/**
 * A context (host, user, process) as reports see it.
 *
 * @example
 * ```ts
 * const label = (c: ReportContextRef | null) =>
 *   c ? [c.host, c.user, c.process].filter(Boolean).join(' / ') : '';
 * // The red team's own hosts (attacker VPS, cracking box) apart from the client's:
 * const clientHosts = (cs: ReportContextRef[]) => cs.filter((c) => !c.redTeamInfrastructure).map((c) => c.host);
 * ```
 */
export interface ReportContextRef {
  id: number;
  host: string;
  user: string;
  process: string;
  /** The host is red team infrastructure (attacker VPS, cracking box), not one of the client's. */
  redTeamInfrastructure: boolean;
}

/**
 * An ATT&CK tactic, technique or sub-technique, by id and name.
 *
 * @example
 * ```ts
 * const attack = (a: AttackRef | null) => (a ? `${a.mitreId} ${a.name}` : '');
 * ```
 */
export interface AttackRef {
  /** MITRE id: `TA0001`, `T1059`, `T1059.001`. */
  mitreId: string;
  name: string;
}

/**
 * A file (tool, payload, loot) with its hashes.
 *
 * @example
 * ```ts
 * const hashes = (f: ReportFile) => `${f.filename}: SHA-256 ${f.sha256}`;
 * ```
 */
export interface ReportFile {
  id: number;
  filename: string;
  size: number | null;
  md5: string;
  sha1: string;
  sha256: string;
  description: string;
}

/**
 * A file attached to an event (screenshot, dropped file, terminal recording). Reports read only what
 * the caller may see: the client's blue-team roles get shared attachments and nothing else.
 *
 * @example
 * ```ts
 * const line = (a: ReportAttachment) => `${a.filename} (${a.size} bytes, SHA-256 ${a.sha256})`;
 * const isImage = (a: ReportAttachment) => a.contentType.startsWith('image/');
 * ```
 */
export interface ReportAttachment {
  id: number;
  filename: string;
  size: number;
  sha256: string;
  /** Sniffed from the bytes: `image/png`, `image/jpeg`, `image/gif`, `image/webp`, `application/x-asciicast`… */
  contentType: string;
  /** Shared with the blue team. */
  shared: boolean;
}

/**
 * One event, times as ISO-8601 UTC with `Z`. Secret-shaped spans are already masked for callers without `credential.view`.
 *
 * @example
 * ```ts
 * const line = (e: ReportEvent) => `${e.startAt} ${e.operator}: ${e.description} (detected: ${e.detected})`;
 * ```
 */
export interface ReportEvent {
  id: number;
  startAt: string;
  endAt: string | null;
  operator: string;
  source: ReportContextRef | null;
  target: ReportContextRef | null;
  tactic: AttackRef | null;
  technique: AttackRef | null;
  subtechnique: AttackRef | null;
  description: string;
  rawEvidence: string;
  outcome: string;
  /** `N/A`, `UNK`, `NEG`, `PAR`, `FUL` */
  detected: string;
  /** `N/A`, `NEG`, `PAR`, `FUL` */
  prevented: string;
  tags: readonly string[];
  starred: boolean;
  files: readonly (ReportFile & { location: string; removed: boolean })[];
  /** Its attachments the caller may see, oldest first. */
  attachments: readonly ReportAttachment[];
}

/**
 * A credential of the engagement's vault, as credential reports see it.
 *
 * @example
 * ```ts
 * const row = (c: ReportCredential) => [c.system, c.account, c.secret ?? '(hidden)'];
 * ```
 */
export interface ReportCredential {
  id: number;
  system: string;
  account: string;
  secretKind: string;
  /** Present only when the caller may see secrets. */
  secret: string | null;
  source: string;
}

/**
 * How `events.pages()` and `events.iterate()` read.
 *
 * @example
 * ```ts
 * const newestFirst: EventPageOptions = { order: 'desc', pageSize: 1000, limit: 5000 };
 * ```
 */
export interface EventPageOptions {
  /** Events per page (1–5,000, default 500): one query round per page. */
  pageSize?: number;
  /** Oldest first (default) or newest first. */
  order?: 'asc' | 'desc';
  /** Stop after this many events (default: all). */
  limit?: number;
  /** Every event of the engagement, ignoring the filter (as `listAll`). Default false. */
  ignoreFilter?: boolean;
}

/**
 * Read queries over the current engagement (and, for events, the current filter).
 *
 * @example
 * ```ts
 * async function countStarred(events: EventQueries): Promise<number> {
 *   let starred = 0;
 *   for await (const event of events.iterate()) if (event.starred) starred++;
 *   return starred;
 * }
 * ```
 */
export interface EventQueries {
  /**
   * The filtered events, oldest first (as reports read), up to `limit` (default: all). Holds them all in
   * memory: a report over every event should read `pages()` and stream its output instead.
   */
  list(options?: { limit?: number; order?: 'asc' | 'desc' }): Promise<ReportEvent[]>;
  /**
   * The filtered events page by page, in the same order and with the same contents as `list()`. Pages
   * are keyset pages (each continues after the last event of the one before), read one at a time as
   * the loop asks for them, so memory stays flat for any number of events; events added while reading
   * after the current position appear, none is read twice. Stops early when `ctx.signal` aborts.
   */
  pages(options?: EventPageOptions): AsyncIterable<ReportEvent[]>;
  /** `pages()` one event at a time. */
  iterate(options?: EventPageOptions): AsyncIterable<ReportEvent>;
  /** How many events match the filter. */
  count(): Promise<number>;
  /** Every event of the engagement, ignoring the filter (reports that must say "all" say so). */
  listAll(options?: { limit?: number }): Promise<ReportEvent[]>;
}

/**
 * Read queries over the engagement's contexts.
 *
 * @example
 * ```ts
 * async function hosts(contexts: ContextQueries): Promise<string[]> {
 *   return [...new Set((await contexts.list()).map((c) => c.host))].sort();
 * }
 * ```
 */
export interface ContextQueries {
  /** The contexts (hosts, users, processes) used by the engagement's events. */
  list(): Promise<ReportContextRef[]>;
}

/**
 * Read queries over the engagement's file distributions.
 *
 * @example
 * ```ts
 * async function stillPlaced(files: FileQueries): Promise<string[]> {
 *   return (await files.list()).filter((f) => !f.removed).map((f) => `${f.filename} at ${f.location}`);
 * }
 * ```
 */
export interface FileQueries {
  /** File distributions of the engagement. */
  list(): Promise<(ReportFile & { eventId: number; location: string; removed: boolean })[]>;
}

/**
 * A technique or sub-technique with what defenders need: ATT&CK v18 detection strategies and mitigations.
 *
 * @example
 * ```ts
 * const mitigations = (t: AttackTechniqueDetail) => t.mitigations.map((m) => `${m.mitreId} ${m.name}`);
 * ```
 */
export interface AttackTechniqueDetail extends AttackRef {
  /** The parent technique of a sub-technique, else null. */
  parentId: string | null;
  url: string;
  description: string;
  /** Legacy free-text detection advice (mostly empty since ATT&CK v18). */
  detection: string;
  platforms: string[];
  /** Its tactics in matrix order. */
  tactics: (AttackRef & { shortname: string })[];
  subtechniques: AttackRef[];
  /** Technique-specific text where MITRE gives one. */
  mitigations: (AttackRef & { url: string; description: string })[];
  detectionStrategies: (AttackRef & {
    url: string;
    analytics: { id: string; platforms: string[]; description: string }[];
  })[];
}

/**
 * Reads attachment contents for reports that embed them (images in an HTML report). Each call checks
 * again that the caller may see the attachment.
 *
 * @example
 * ```ts
 * async function screenshots(attachments: AttachmentQueries, event: ReportEvent): Promise<string[]> {
 *   const uris: string[] = [];
 *   for (const a of event.attachments) {
 *     const uri = await attachments.imageDataUri(a.id);
 *     if (uri) uris.push(uri);
 *   }
 *   return uris;
 * }
 * ```
 */
export interface AttachmentQueries {
  /**
   * A PNG, JPEG, GIF or WebP attachment as a `data:` URI, for `h('img', { src })`; null for any other
   * file, one larger than `maxBytes` (default and maximum 10 MB), or one the caller may not see.
   */
  imageDataUri(attachmentId: number, options?: { maxBytes?: number }): Promise<string | null>;
}

/**
 * Read queries over the bundled MITRE ATT&CK data.
 *
 * @example
 * ```ts
 * async function tacticNames(attack: AttackQueries): Promise<string[]> {
 *   return (await attack.tactics()).map((t) => t.name);
 * }
 * ```
 */
export interface AttackQueries {
  tactic(mitreId: string): Promise<(AttackRef & { description: string }) | null>;
  technique(mitreId: string): Promise<(AttackRef & { description: string; tactics: string[] }) | null>;
  /** Every tactic in matrix (kill-chain) order, with its STIX shortname (`initial-access`). */
  tactics(): Promise<(AttackRef & { shortname: string })[]>;
  /** A technique with its detection strategies (and their analytics), mitigations and sub-techniques. */
  techniqueDetail(mitreId: string): Promise<AttackTechniqueDetail | null>;
  /** The (non-deprecated) techniques and sub-techniques listed under a tactic, by id. */
  techniquesOfTactic(tacticId: string): Promise<(AttackRef & { parentId: string | null })[]>;
}

/**
 * A label and how many (accounts, secrets or variants) it stands for.
 *
 * @example
 * ```ts
 * const topTen = (values: CountedValue[]) => [...values].sort((a, b) => b.count - a.count).slice(0, 10);
 * ```
 */
export interface CountedValue {
  value: string;
  count: number;
}

/**
 * The password statistics of the engagement's vault: the same figures (and names) as
 * `GET /api/v1/credentials/stats/`. Accounts are (system, account) pairs; an account is cracked when
 * the secret of its current credential is known; machine accounts are those ending in `$`.
 *
 * @example
 * ```ts
 * const crackedShare = (s: CredentialStatistics) =>
 *   s.unique_user_accounts === 0 ? 0 : s.cracked_user_accounts / s.unique_user_accounts;
 * ```
 */
export interface CredentialStatistics {
  unique_user_accounts: number;
  cracked_user_accounts: number;
  unique_machine_accounts: number;
  cracked_machine_accounts: number;
  password_is_username: number;
  hash_types: { hash_type: number | null; name: string; count: number; cracked: number }[];
  /** Secrets shared by two or more accounts: reports that must not show secrets use only the counts. */
  reused: { secret: string; accounts: number }[];
  /** Cracked accounts per secret length; `length: null` counts the uncracked accounts. */
  lengths: { length: number | null; count: number }[];
  complexity: CountedValue[];
  structure: CountedValue[];
  prefixes: CountedValue[];
  suffixes: CountedValue[];
  masks: { mask: string; count: number; keyspace: number }[];
  weakest: { secret: string | null; hash_type: number | null; breach_count: number; accounts: number }[];
  breached_user_accounts: number;
  breached_machine_accounts: number;
  breach_checks_pending: number;
  reuse_across_systems: {
    accounts: number;
    cracked: number;
    rows: { account: string; cracked: boolean; systems: string[] }[];
  } | null;
}

/**
 * An account whose current credential is cracked, with how it was obtained.
 *
 * @example
 * ```ts
 * const where = (a: CrackedAccount) => `${a.system}/${a.account} from ${a.crackedFrom} (${a.source})`;
 * ```
 */
export interface CrackedAccount {
  system: string;
  account: string;
  purpose: string;
  /** The hash type the secret was recovered from (`NTLM`, `Kerberos 5 TGS-REP…`), or `Plaintext`. */
  crackedFrom: string;
  /** Where the credential came from (the import or extractor, e.g. `secretsdump`). */
  source: string;
  secret: string;
}

/**
 * Credential reads of a credential report, under the vault list's filter in the report's URL (`system`,
 * `account`, `hash_type`, `cracked`, `enabled`, `source`, `search`, `event`), which is also `ctx.filter`.
 *
 * @example
 * ```ts
 * async function crackedCount(credentials: CredentialQueries): Promise<number> {
 *   return (await credentials.cracked()).length;
 * }
 * ```
 */
export interface CredentialQueries {
  /** The filtered current credentials (secrets included: credential reports need credential.view). */
  list(): Promise<ReportCredential[]>;
  /** The password statistics of the filtered vault (current credentials and cracked history). */
  stats(): Promise<CredentialStatistics>;
  /** Accounts whose current credential is cracked, by system then account. */
  cracked(): Promise<CrackedAccount[]>;
}

/**
 * Queues background tasks (the worker runs them). Names are `<pluginId>:<key>`.
 *
 * @example
 * ```ts
 * async function refreshLater(jobs: JobScheduler) {
 *   await jobs.enqueue('my-plugin:refresh', { engagement: 'ACME-26' }, { delaySeconds: 60 });
 * }
 * ```
 */
export interface JobScheduler {
  enqueue(task: string, payload: unknown, options?: { delaySeconds?: number }): Promise<void>;
}

/**
 * The time as the host gives it (reports never read the wall clock themselves).
 *
 * @example
 * ```ts
 * const stamp = (clock: Clock) => `Generated ${clock.now().toISOString()} (UTC)`;
 * ```
 */
export interface Clock {
  /** The time of this call (fixed for the whole render, so a report is consistent). */
  now(): Date;
}

/**
 * What every plugin call gets.
 *
 * @example
 * ```ts
 * function maySeeSecrets(ctx: BaseContext): boolean {
 *   ctx.logger.debug('checking', { user: ctx.principal.username, point: ctx.point.key });
 *   return ctx.hasPermission('credential.view');
 * }
 * ```
 */
export interface BaseContext<Config = unknown> {
  plugin: { id: string; version: string };
  point: { type: string; key: string };
  /** The plugin's configuration, parsed with its `configSchema` (from steppingstones.plugins.json). */
  config: Config;
  principal: PluginPrincipal;
  hasPermission(code: string): boolean;
  logger: PluginLogger;
  clock: Clock;
  /** Aborted when the call passes its deadline or the client goes away; pass it on to long work. */
  signal: AbortSignal;
  jobs: JobScheduler;
}

/**
 * A C2 session (beacon or SSH) as reports see it; excluded sessions are never listed.
 *
 * @example
 * ```ts
 * const hosts = (sessions: ReportC2Session[]) => [...new Set(sessions.map((s) => s.host))].sort();
 * ```
 */
export interface ReportC2Session {
  id: number;
  kind: 'beacon' | 'ssh';
  host: string;
  /** Without the administrator mark (see `isAdmin`). */
  user: string;
  isAdmin: boolean;
  process: string;
  pid: number | null;
  listener: string;
  /** The session it was linked through (SMB, TCP, SSH), or null. */
  parentId: number | null;
  /** ISO-8601 UTC. */
  firstSeen: string;
  lastSeen: string;
}

/**
 * Read queries over the engagement's C2 activity. Reports must check `ctx.hasPermission('c2.view')`
 * first: the client's blue-team roles never hold it, and these queries refuse callers without it.
 *
 * @example
 * ```ts
 * const established = async (c2: C2Queries) => (await c2.sessions()).map((s) => `${s.user} on ${s.host}`);
 * ```
 */
export interface C2Queries {
  /** The engagement's sessions, oldest first. */
  sessions(): Promise<ReportC2Session[]>;
  /**
   * Operator actions, oldest first, at most `limit` (default and maximum 10,000); `notCloned` leaves
   * out those already cloned to an event (the event is in the report already).
   */
  actions(options?: { notCloned?: boolean; limit?: number }): Promise<ReportC2Action[]>;
}

/**
 * One operator command run through a C2 session.
 *
 * @example
 * ```ts
 * const notOnTheLog = (actions: ReportC2Action[]) => actions.filter((a) => a.eventId === null).length;
 * ```
 */
export interface ReportC2Action {
  id: number;
  sessionId: number;
  /** ISO-8601 UTC. */
  start: string;
  operator: string;
  input: string;
  task: string;
  attackIds: string[];
  output: string;
  /** The session's host, user and process as `process (PID: n)`. */
  target: { host: string; user: string; process: string };
  eventId: number | null;
}

/**
 * The context of an event or credential report.
 *
 * @example
 * ```ts
 * async function summary(ctx: ReportContext): Promise<string> {
 *   return `${ctx.engagement.code}: ${await ctx.events.count()} events (${ctx.locale})`;
 * }
 * ```
 */
export interface ReportContext<Params = Record<string, unknown>, Config = unknown>
  extends BaseContext<Config> {
  engagement: EngagementInfo;
  filter: EventFilter;
  /** The report's parameters, parsed with its `paramsSchema` (every one has a default). */
  params: Params;
  /** The caller's locale (from Accept-Language), for date formats; reports say times are UTC. */
  locale: string;
  events: EventQueries;
  contexts: ContextQueries;
  files: FileQueries;
  attack: AttackQueries;
  credentials: CredentialQueries;
  c2: C2Queries;
  attachments: AttachmentQueries;
}

/**
 * The context of an EventStream source's parse call.
 *
 * @example
 * ```ts
 * const tagFor = (ctx: SourceContext<{ tag: string }>) => `${ctx.engagement.code}-${ctx.params.tag}`;
 * ```
 */
export interface SourceContext<Params = Record<string, unknown>, Config = unknown>
  extends BaseContext<Config> {
  engagement: EngagementInfo;
  params: Params;
}

/**
 * Breached-password checks over the NTLM hashes of the engagements whose leads switched them on
 * (`breach_checks`). Hashes are 32 upper-case hex characters; a hash is pending until a count is
 * recorded (0 = not found), so a run stopped half-way resumes where it left off.
 *
 * @example
 * ```ts
 * async function checkAll(
 *   checks: BreachCheckQueries,
 *   lookup: (prefix: string) => Promise<Record<string, number>>,
 * ) {
 *   for (const prefix of await checks.pendingPrefixes({ limit: 100 })) await checks.record(await lookup(prefix));
 * }
 * ```
 */
export interface BreachCheckQueries {
  /** Distinct 5-hex prefixes of pending hashes, in order, at most `limit` (default 1000). */
  pendingPrefixes(options?: { limit?: number }): Promise<string[]>;
  /** The pending hashes under one prefix. */
  pendingHashes(prefix: string): Promise<string[]>;
  /** Stores counts for every row of these hashes (in engagements that allow checks); returns rows updated. */
  record(counts: Readonly<Record<string, number>>): Promise<number>;
  /** How many distinct hashes are still pending. */
  pendingCount(): Promise<number>;
}

/**
 * The context of a background task run.
 *
 * @example
 * ```ts
 * async function report(ctx: TaskContext) {
 *   const pending = await ctx.breachChecks.pendingCount();
 *   ctx.logger.info('breach checks', { job: ctx.jobId, attempt: ctx.attempt, pending });
 * }
 * ```
 */
export interface TaskContext<Config = unknown> extends BaseContext<Config> {
  breachChecks: BreachCheckQueries;
  /** Which attempt this is (1 = first); tasks are delivered at least once, so be idempotent. */
  attempt: number;
  /** The job's id, stable across retries (use it as an idempotency key). */
  jobId: number;
}
