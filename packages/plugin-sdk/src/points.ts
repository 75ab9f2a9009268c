import type { z } from 'zod';
import type { ReportContext, SourceContext, TaskContext } from './context.ts';
import type { ReportOutput, ReportOutputKind } from './output.ts';

/**
 * A report's parameters: a zod object whose every field has a default, so the bare URL renders.
 *
 * @example
 * ```ts
 * const params: ParamsSchema = z.object({ limit: z.number().int().min(1).default(100) });
 * ```
 */
// biome-ignore lint/suspicious/noExplicitAny: any zod object shape is a valid parameter set.
export type ParamsSchema = z.ZodObject<any>;
type ParamsOf<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;

/**
 * Members shared by the three points that appear in a menu.
 *
 * @example
 * ```ts
 * const menu: MenuPointBase = {
 *   key: 'summary',
 *   title: 'Summary',
 *   category: 'Overview',
 *   icon: 'file-text',
 *   requires: ['report.view'],
 * };
 * ```
 */
export interface MenuPointBase {
  /** Kebab-case, unique within the plugin, part of the URL; stored in the database: never rename it. */
  key: string;
  /** The menu text. */
  title: string;
  /** The menu section; items are grouped by category, sorted by category then title. Default `Other`. */
  category?: string;
  /** An icon name (Tabler / Font Awesome style, e.g. `table`, `file-text`, `chart-bar`). */
  icon?: string;
  /** A sentence shown as the item's tooltip and in Admin → Plugins. */
  description?: string;
  /**
   * Permission codes the user must hold, besides the area's base permission that the host always
   * adds (`event.view` for event reports, `credential.view` for credential reports, `eventstream.add`
   * for sources). Unknown codes fail the plugin at load.
   */
  requires?: readonly string[];
  /** Left out of menus but served at its URL, e.g. an old key kept so bookmarks still work. Default false. */
  hidden?: boolean;
  /** The render / parse deadline; the thread is terminated when it passes. Default 30 000, max 300 000. */
  timeoutMs?: number;
}

/**
 * A report over the events of one engagement under the grid's filter (the events grid's Reporting menu).
 *
 * @example
 * ```ts
 * const point: EventReportPoint = {
 *   key: 'count',
 *   title: 'Event count',
 *   output: 'markdown',
 *   async render(ctx) {
 *     return { kind: 'markdown', markdown: `${await ctx.events.count()} events` };
 *   },
 * };
 * ```
 */
export interface EventReportPoint<S extends ParamsSchema | undefined = ParamsSchema | undefined>
  extends MenuPointBase {
  /** The kind `render` returns; checked by the host (a mismatch is that report's error). */
  output: ReportOutputKind;
  /**
   * `attack-navigator`: the output is an ATT&CK Navigator layer (JSON); the viewer offers "Open in
   * Navigator", which hands the Navigator a short-lived signed URL of the layer.
   */
  opensIn?: 'attack-navigator';
  paramsSchema?: S;
  /** Builds the report. Runs in a worker thread with its own read-only context. */
  render(ctx: ReportContext<ParamsOf<S>>): ReportOutput | Promise<ReportOutput>;
}

/**
 * A report over the credentials of one engagement under a filter (the credentials page's Reports menu).
 *
 * @example
 * ```ts
 * const point: CredentialReportPoint = {
 *   key: 'accounts',
 *   title: 'Accounts',
 *   output: 'json',
 *   async render(ctx) {
 *     return { kind: 'json', data: (await ctx.credentials.list()).map((c) => c.account) };
 *   },
 * };
 * ```
 */
export type CredentialReportPoint<S extends ParamsSchema | undefined = ParamsSchema | undefined> =
  EventReportPoint<S>;

/**
 * One EventStream record, as documented in docs/eventstream.md (times ISO-8601).
 *
 * @example
 * ```ts
 * const record: EventStreamRecord = { ts: '2026-03-01T09:30:00Z', cmd: 'whoami', host: 'WS01' };
 * ```
 */
export type EventStreamRecord = Record<string, unknown>;

/**
 * Each item a source yields: a record, or an error tied to where it happened.
 *
 * @example
 * ```ts
 * const results: SourceResult[] = [
 *   { record: { cmd: 'whoami' } },
 *   { error: { message: 'not JSON', line: 2 } },
 * ];
 * ```
 */
export type SourceResult =
  | { record: EventStreamRecord }
  | { error: { message: string; line?: number; entry?: string } };

/**
 * What a source is given: one uploaded file as a byte stream, or the entries of an archive.
 *
 * @example
 * ```ts
 * async function firstBytes(input: SourceInput): Promise<string> {
 *   if (input.kind === 'entries') return input.filename;
 *   for await (const chunk of input.stream) return new TextDecoder().decode(chunk);
 *   return '';
 * }
 * ```
 */
export type SourceInput =
  | { kind: 'stream'; filename: string; stream: AsyncIterable<Uint8Array> }
  | {
      kind: 'entries';
      filename: string;
      entries: AsyncIterable<{ name: string; size: number; text(): Promise<string> }>;
    };

/**
 * Turns a tool's or C2's log into EventStream records (the EventStream page's Sources menu).
 *
 * @example
 * ```ts
 * const source: EventStreamSourcePoint = {
 *   key: 'lines',
 *   title: 'One record per line',
 *   accepts: { extensions: ['.txt'] },
 *   async *parse(_ctx, input) {
 *     if (input.kind !== 'stream') return;
 *     let text = '';
 *     for await (const chunk of input.stream) text += new TextDecoder().decode(chunk);
 *     for (const line of text.split('\n')) if (line) yield { record: { cmd: line } };
 *   },
 * };
 * ```
 */
export interface EventStreamSourcePoint<S extends ParamsSchema | undefined = ParamsSchema | undefined>
  extends MenuPointBase {
  /** What it takes: file extensions (e.g. `.log`, `.tar.gz`) and whether archives are opened into entries. */
  accepts: { extensions: readonly string[]; archive?: boolean };
  paramsSchema?: S;
  parse(
    ctx: SourceContext<ParamsOf<S>>,
    input: SourceInput,
  ): AsyncIterable<SourceResult> | Iterable<SourceResult>;
}

/**
 * When the worker runs a background task by itself (only the worker schedules, once per start).
 *
 * @example
 * ```ts
 * const hourly: TaskSchedule = { delaySeconds: 60, repeatSeconds: 3600 };
 * ```
 */
export interface TaskSchedule {
  /** Seconds after the worker starts before the first run. Default 30. */
  delaySeconds?: number;
  /** Seconds between runs (anchored, no drift); 0 = run once. Default 0. */
  repeatSeconds?: number;
  /** Default true: queued copies are dropped and only this delay / repeat apply. */
  replaceExistingTasks?: boolean;
}

/**
 * A task the worker runs, referenced by name `<pluginId>:<key>` so a separate process can import and
 * run it; a job stores only that name and a JSON payload. Delivery is at least once: be idempotent.
 *
 * @example
 * ```ts
 * const task: BackgroundTaskPoint = {
 *   key: 'tidy',
 *   payloadSchema: z.object({}),
 *   async run(ctx) {
 *     ctx.logger.info('tidying', { attempt: ctx.attempt });
 *   },
 * };
 * ```
 */
export interface BackgroundTaskPoint<P extends z.ZodType = z.ZodType> {
  key: string;
  title?: string;
  description?: string;
  /** Validates the payload when queued and before each run. An auto-scheduled task gets `{}`. */
  payloadSchema: P;
  /** Deadline of one run; the thread is terminated when it passes. Default 60 000. */
  timeoutMs?: number;
  /** Attempts before a one-off job is given up (repeating jobs never die of failures). Default 5. */
  maxAttempts?: number;
  /** Without a schedule the task runs only when something enqueues it. */
  schedule?: TaskSchedule;
  run(ctx: TaskContext, payload: z.output<P>): void | Promise<void>;
}

/**
 * Defaults the host applies to a task's schedule.
 *
 * @example
 * ```ts
 * const firstRunAfterSeconds = TASK_SCHEDULE_DEFAULTS.delaySeconds; // 30
 * ```
 */
export const TASK_SCHEDULE_DEFAULTS = {
  delaySeconds: 30,
  repeatSeconds: 0,
  replaceExistingTasks: true,
} as const;

/**
 * Declares an event report, keeping its parameter types inferred from `paramsSchema`.
 *
 * @example
 * ```ts
 * const topOperators = eventReport({
 *   key: 'top-operators',
 *   title: 'Top operators',
 *   output: 'markdown',
 *   paramsSchema: z.object({ limit: z.coerce.number().int().min(1).default(5) }),
 *   async render(ctx) {
 *     const counts = new Map<string, number>();
 *     for await (const e of ctx.events.iterate()) counts.set(e.operator, (counts.get(e.operator) ?? 0) + 1);
 *     const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, ctx.params.limit);
 *     return { kind: 'markdown', markdown: top.map(([who, n]) => `- ${who}: ${n}`).join('\n') };
 *   },
 * });
 * ```
 */
export function eventReport<S extends ParamsSchema | undefined = undefined>(point: EventReportPoint<S>) {
  return point;
}
/**
 * Declares a credential report, keeping its parameter types inferred from `paramsSchema`.
 *
 * @example
 * ```ts
 * const cracked = credentialReport({
 *   key: 'cracked',
 *   title: 'Cracked accounts',
 *   output: 'html',
 *   async render(ctx) {
 *     const rows = (await ctx.credentials.cracked()).map((a) => [a.system, a.account, a.crackedFrom]);
 *     return { kind: 'html', body: htmlTable(['System', 'Account', 'Cracked from'], rows) };
 *   },
 * });
 * ```
 */
export function credentialReport<S extends ParamsSchema | undefined = undefined>(
  point: CredentialReportPoint<S>,
) {
  return point;
}
/**
 * Declares an EventStream source, keeping its parameter types inferred from `paramsSchema`.
 *
 * @example
 * ```ts
 * const jsonLines = eventstreamSource({
 *   key: 'json-lines',
 *   title: 'JSON lines',
 *   accepts: { extensions: ['.jsonl'] },
 *   async *parse(_ctx, input) {
 *     if (input.kind !== 'stream') return;
 *     let text = '';
 *     for await (const chunk of input.stream) text += new TextDecoder().decode(chunk);
 *     for (const [i, raw] of text.split('\n').entries()) {
 *       if (!raw.trim()) continue;
 *       try {
 *         yield { record: JSON.parse(raw) as EventStreamRecord };
 *       } catch {
 *         yield { error: { message: 'not a JSON object', line: i + 1 } };
 *       }
 *     }
 *   },
 * });
 * ```
 */
export function eventstreamSource<S extends ParamsSchema | undefined = undefined>(
  point: EventStreamSourcePoint<S>,
) {
  return point;
}
/**
 * Declares a background task, keeping its payload type inferred from `payloadSchema`.
 *
 * @example
 * ```ts
 * const refresh = backgroundTask({
 *   key: 'refresh',
 *   // An auto-scheduled task gets the payload {}: every field is optional.
 *   payloadSchema: z.object({ engagement: z.string().optional() }),
 *   schedule: { delaySeconds: 60, repeatSeconds: 3600 },
 *   async run(ctx, payload) {
 *     ctx.logger.info('refreshing', { engagement: payload.engagement ?? 'all' });
 *   },
 * });
 * ```
 */
export function backgroundTask<P extends z.ZodType>(point: BackgroundTaskPoint<P>) {
  return point;
}
