// The plugin SDK: the only package a plugin imports (house rule 1).
/**
 * zod, re-exported so a plugin declares its parameter, payload and configuration schemas without a
 * dependency of its own (and always with the version the host validates with).
 *
 * @example
 * ```ts
 * const paramsSchema = z.object({ days: z.coerce.number().int().min(1).default(7) });
 * ```
 */
export { z } from 'zod';
export {
  type C2ActionRecord,
  type C2CheckinRecord,
  type C2DownloadRecord,
  type C2ParseResult,
  type C2Record,
  type C2Rejection,
  type C2SessionRecord,
  type C2SourceContext,
  type C2SourcePoint,
  c2Source,
} from './c2-points.ts';
export type * from './context.ts';
export { csvCell, csvField, csvRecord, neutraliseCell, restoreCell } from './csv.ts';
export { definePlugin, type Plugin, type PluginDefinition } from './define-plugin.ts';
export {
  escapeHtml,
  HTML_TAGS,
  type HtmlAttributes,
  HtmlBuilderError,
  type HtmlChild,
  type HtmlElement,
  type HtmlStyle,
  type HtmlTag,
  h,
  htmlTable,
  textWithBreaks,
} from './html.ts';
export { renderHtml, renderHtmlChunks, renderHtmlStream } from './html-render.ts';
export type * from './output.ts';
export {
  type BackgroundTaskPoint,
  backgroundTask,
  type CredentialReportPoint,
  credentialReport,
  type EventReportPoint,
  type EventStreamRecord,
  type EventStreamSourcePoint,
  eventReport,
  eventstreamSource,
  type MenuPointBase,
  type ParamsSchema,
  type SourceInput,
  type SourceResult,
  TASK_SCHEDULE_DEFAULTS,
  type TaskSchedule,
} from './points.ts';
export { isCompatibleSdkVersion, SDK_VERSION } from './version.ts';
