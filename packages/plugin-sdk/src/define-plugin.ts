import type { z } from 'zod';
import type { C2SourcePoint } from './c2-points.ts';
import type {
  BackgroundTaskPoint,
  CredentialReportPoint,
  EventReportPoint,
  EventStreamSourcePoint,
  ParamsSchema,
} from './points.ts';
import { SDK_VERSION } from './version.ts';

/**
 * What a plugin declares: its identity, its configuration schema and its points.
 *
 * @example
 * ```ts
 * const definition: PluginDefinition = {
 *   id: 'acme-reports',
 *   name: 'ACME reports',
 *   version: '1.0.0',
 *   configSchema: z.object({ footer: z.string().default('') }),
 *   eventReports: [],
 * };
 * ```
 */
export interface PluginDefinition {
  /** Kebab-case, stored in the database, never renamed (it is in URLs and job names). */
  id: string;
  /** A human name for Admin → Plugins. */
  name: string;
  /** The plugin's own version (semver), shown to admins. */
  version: string;
  description?: string;
  /** Validates the plugin's entry `config` in steppingstones.plugins.json; failures fail the load. */
  configSchema?: z.ZodType;
  eventReports?: readonly EventReportPoint<ParamsSchema | undefined>[];
  credentialReports?: readonly CredentialReportPoint<ParamsSchema | undefined>[];
  eventstreamSources?: readonly EventStreamSourcePoint<ParamsSchema | undefined>[];
  backgroundTasks?: readonly BackgroundTaskPoint[];
  /** Adapters that turn a C2 framework's logs into sessions, actions and downloads. */
  c2Sources?: readonly C2SourcePoint[];
}

/**
 * A plugin as the host sees it: the definition stamped with the SDK version it was built against.
 *
 * @example
 * ```ts
 * const label = (p: Plugin) => `${p.name} ${p.version} (SDK ${p.sdkVersion})`;
 * ```
 */
export type Plugin = PluginDefinition & { readonly sdkVersion: string };

/**
 * Declares a plugin; the package's default export. Pure: no side effects, nothing runs at import,
 * so the server, the worker and the CLI can all load it.
 *
 * @example
 * ```ts
 * export default definePlugin({
 *   id: 'acme-reports',
 *   name: 'ACME reports',
 *   version: '1.0.0',
 *   eventReports: [
 *     eventReport({
 *       key: 'count',
 *       title: 'Event count',
 *       output: 'markdown',
 *       async render(ctx) {
 *         return { kind: 'markdown', markdown: `${await ctx.events.count()} events` };
 *       },
 *     }),
 *   ],
 * });
 * ```
 */
export function definePlugin<const T extends PluginDefinition>(
  definition: T,
): T & { readonly sdkVersion: string } {
  return Object.freeze({ ...definition, sdkVersion: SDK_VERSION });
}
