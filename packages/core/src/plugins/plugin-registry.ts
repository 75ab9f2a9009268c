import type { Logger } from 'pino';
import {
  pluginDefinitionSchema,
  type ValidatedC2SourcePoint,
  type ValidatedPlugin,
  type ValidatedReportPoint,
  type ValidatedSourcePoint,
  type ValidatedTaskPoint,
} from './plugin-definition.schema.ts';
import {
  type PluginListEntry,
  pluginListPath,
  readPluginList,
  resolvePluginSpecifier,
} from './plugin-list.ts';
import { POINT_MEMBER, type PointType } from './plugin-point-types.ts';

/** A plugin that loaded and validated. */
export interface LoadedPlugin {
  definition: ValidatedPlugin;
  /** As listed in steppingstones.plugins.json. */
  package: string;
  /** What a worker thread imports to get the same plugin (a package name or a file URL). */
  specifier: string;
  config: unknown;
  position: number;
}

/** A listed plugin that did not load; it is left out, and its error is recorded and shown. */
export interface FailedPlugin {
  package: string;
  /** Known when the module loaded but its definition was invalid. */
  pluginId?: string;
  version?: string;
  error: string;
  position: number;
}

export type AnyPoint =
  | ValidatedReportPoint
  | ValidatedSourcePoint
  | ValidatedTaskPoint
  | ValidatedC2SourcePoint;

export interface PluginRegistry {
  listFile: string;
  /** Set when the list file itself is unreadable (then nothing loaded and sync must not run). */
  listError?: string;
  plugins: LoadedPlugin[];
  failures: FailedPlugin[];
  get(pluginId: string): LoadedPlugin | undefined;
  /** The loaded point, or undefined (unknown plugin or key, or the plugin failed). */
  point(
    type: PointType,
    pluginId: string,
    key: string,
  ): { plugin: LoadedPlugin; point: AnyPoint } | undefined;
  points(type: PointType): Array<{ plugin: LoadedPlugin; point: AnyPoint }>;
}

export function pointsOf(plugin: ValidatedPlugin, type: PointType): AnyPoint[] {
  return (plugin as unknown as Record<string, AnyPoint[]>)[POINT_MEMBER[type]] ?? [];
}

function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'issues' in error) {
    const issues = (error as { issues: Array<{ path: PropertyKey[]; message: string }> }).issues;
    return issues.map((i) => `${i.path.map(String).join('.') || '(definition)'}: ${i.message}`).join('; ');
  }
  return error instanceof Error ? error.message : String(error);
}

async function loadOne(entry: PluginListEntry, listFile: string, position: number) {
  let specifier: string;
  let mod: { default?: unknown };
  try {
    specifier = resolvePluginSpecifier(entry.package, listFile);
    mod = (await import(specifier)) as { default?: unknown };
  } catch (error) {
    const code = (error as { code?: string }).code;
    const hint =
      code === 'ERR_MODULE_NOT_FOUND' && !entry.package.startsWith('.')
        ? ` (is it installed? run npm install)`
        : '';
    return {
      failure: {
        package: entry.package,
        error: `could not be imported: ${describe(error)}${hint}`,
        position,
      },
    };
  }
  const raw = mod.default as { id?: unknown; version?: unknown } | undefined;
  const parsed = pluginDefinitionSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      failure: {
        package: entry.package,
        pluginId: typeof raw?.id === 'string' ? raw.id : undefined,
        version: typeof raw?.version === 'string' ? raw.version : undefined,
        error: raw
          ? `invalid definition: ${describe(parsed.error)}`
          : 'has no default export (export default definePlugin({...}))',
        position,
      },
    };
  }
  const definition = parsed.data;
  let config: unknown = entry.config;
  if (definition.configSchema) {
    const c = definition.configSchema.safeParse(entry.config);
    if (!c.success) {
      return {
        failure: {
          package: entry.package,
          pluginId: definition.id,
          version: definition.version,
          error: `invalid config: ${describe(c.error)}`,
          position,
        },
      };
    }
    config = c.data;
  }
  return { loaded: { definition, package: entry.package, specifier, config, position } };
}

/**
 * Loads the plugins listed in the list file, in order. A plugin that fails (import error, invalid
 * definition, incompatible SDK, unknown permission, duplicate id) is recorded with its error and left
 * out; the process runs on without it.
 */
export async function loadPluginRegistry(
  options: { listFile?: string; logger?: Pick<Logger, 'warn'> } = {},
): Promise<PluginRegistry> {
  const listFile = options.listFile ?? pluginListPath();
  let entries: PluginListEntry[];
  try {
    entries = readPluginList(listFile);
  } catch (error) {
    // A broken list must not stop the server or the worker: run without plugins and say why.
    const message = error instanceof Error ? error.message : String(error);
    options.logger?.warn({ err: message }, 'the plugin list cannot be read; running without plugins');
    return { ...registryOf(listFile, [], []), listError: message };
  }
  const plugins: LoadedPlugin[] = [];
  const failures: FailedPlugin[] = [];
  for (const [position, entry] of entries.entries()) {
    const result = await loadOne(entry, listFile, position);
    if (result.loaded && plugins.some((p) => p.definition.id === result.loaded.definition.id)) {
      failures.push({
        package: entry.package,
        error: `duplicate plugin id "${result.loaded.definition.id}" (already provided by an earlier package)`,
        position,
      });
    } else if (result.loaded) {
      plugins.push(result.loaded);
    } else if (result.failure) {
      failures.push(result.failure);
    }
  }
  for (const f of failures)
    options.logger?.warn({ plugin: f.pluginId ?? f.package, err: f.error }, 'plugin failed to load');
  return registryOf(listFile, plugins, failures);
}

export function registryOf(
  listFile: string,
  plugins: LoadedPlugin[],
  failures: FailedPlugin[],
): PluginRegistry {
  const byId = new Map(plugins.map((p) => [p.definition.id, p]));
  return {
    listFile,
    plugins,
    failures,
    get: (id) => byId.get(id),
    point(type, pluginId, key) {
      const plugin = byId.get(pluginId);
      const point = plugin && pointsOf(plugin.definition, type).find((p) => p.key === key);
      return plugin && point ? { plugin, point } : undefined;
    },
    points: (type) =>
      plugins.flatMap((plugin) => pointsOf(plugin.definition, type).map((point) => ({ plugin, point }))),
  };
}
