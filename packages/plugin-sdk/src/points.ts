import type { z } from 'zod';
import type { ReportContext, SourceContext, TaskContext } from './context.ts';
import type { ReportOutput, ReportOutputKind } from './output.ts';

/** A report's parameters: a zod object whose every field has a default, so the bare URL renders. */
// biome-ignore lint/suspicious/noExplicitAny: any zod object shape is a valid parameter set.
export type ParamsSchema = z.ZodObject<any>;
type ParamsOf<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;

/** Members shared by the three points that appear in a menu. */
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

/** A report over the events of one engagement under the grid's filter (the events grid's Reporting menu). */
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

/** A report over the credentials of one engagement under a filter (the credentials page's Reports menu). */
export type CredentialReportPoint<S extends ParamsSchema | undefined = ParamsSchema | undefined> =
  EventReportPoint<S>;

/** One EventStream record, as documented in docs/eventstream.md (times ISO-8601). */
export type EventStreamRecord = Record<string, unknown>;

/** Each item a source yields: a record, or an error tied to where it happened. */
export type SourceResult =
  | { record: EventStreamRecord }
  | { error: { message: string; line?: number; entry?: string } };

/** What a source is given: one uploaded file as a byte stream, or the entries of an archive. */
export type SourceInput =
  | { kind: 'stream'; filename: string; stream: AsyncIterable<Uint8Array> }
  | {
      kind: 'entries';
      filename: string;
      entries: AsyncIterable<{ name: string; size: number; text(): Promise<string> }>;
    };

/** Turns a tool's or C2's log into EventStream records (the EventStream page's Sources menu). */
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

/** When the worker runs a background task by itself (only the worker schedules, once per start). */
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

/** Defaults the host applies to a task's schedule. */
export const TASK_SCHEDULE_DEFAULTS = {
  delaySeconds: 30,
  repeatSeconds: 0,
  replaceExistingTasks: true,
} as const;

/** Helpers that keep the parameter types inferred from `paramsSchema`. */
export function eventReport<S extends ParamsSchema | undefined = undefined>(point: EventReportPoint<S>) {
  return point;
}
export function credentialReport<S extends ParamsSchema | undefined = undefined>(
  point: CredentialReportPoint<S>,
) {
  return point;
}
export function eventstreamSource<S extends ParamsSchema | undefined = undefined>(
  point: EventStreamSourcePoint<S>,
) {
  return point;
}
export function backgroundTask<P extends z.ZodType>(point: BackgroundTaskPoint<P>) {
  return point;
}
