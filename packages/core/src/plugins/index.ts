// The plugin framework's host side: registry, sync, enabled flags, menus, the report host, tasks.
export { PluginFailedError, PluginTimeoutError } from './host/plugin-errors.ts';
export type { RenderedReport } from './host/report-output.ts';
export { ReportPreviewCache } from './host/report-preview-cache.ts';
export { PREVIEW_EVENT_LIMIT, parseReportRequest } from './host/report-request.ts';
export { findRunnableReport, type RunReportInput, runReport } from './host/run-report.ts';
export { type ThreadOutcome, ThreadPool } from './host/thread-pool.ts';
export { getPluginRecord, hiddenPointsOf, listPluginRecords } from './plugin-admin.queries.ts';
export { setPluginEnabled, setPointEnabled } from './plugin-admin.service.ts';
export { attachPluginHost, createPluginHost, type PluginHost, pluginHostFor } from './plugin-host.ts';
export {
  addToPluginList,
  type PluginListEntry,
  PluginListError,
  pluginListPath,
  readPluginList,
  removeFromPluginList,
} from './plugin-list.ts';
export { listMenuItems, mayUsePoint, paramsJsonSchema, requiredPermissions } from './plugin-menu.ts';
export {
  BASE_PERMISSION,
  MENU_POINT_TYPES,
  type MenuPointType,
  POINT_TYPES,
  type PointType,
} from './plugin-point-types.ts';
export {
  type FailedPlugin,
  type LoadedPlugin,
  loadPluginRegistry,
  type PluginRegistry,
} from './plugin-registry.ts';
export { type ScaffoldResult, scaffoldPlugin } from './plugin-scaffold.ts';
export { PLUGIN_STATE_TTL_MS, PluginState } from './plugin-state.ts';
export { formatSyncLine, type SyncLine, syncPlugins } from './plugin-sync.service.ts';
export { pluginTaskResolver } from './plugin-task-resolver.ts';
