import type { Database } from '@steppingstones/db';
import { DEFAULT_SCHEDULE, type TaskDefinition, type TaskResolver } from '../jobs/index.ts';
import type { ValidatedTaskPoint } from './plugin-definition.schema.ts';
import { DEFAULT_TASK_MAX_ATTEMPTS, DEFAULT_TASK_TIMEOUT_MS } from './plugin-point-types.ts';
import type { PluginRegistry } from './plugin-registry.ts';
import { PluginState } from './plugin-state.ts';

/** The thread entry that runs any plugin task (see host/task-thread.ts). */
const TASK_ENTRY = new URL('./host/task-entry.ts', import.meta.url).href;

/**
 * The plugins' background tasks for the job runner, by name `<pluginId>:<key>`. The runner imports
 * `entry.module` in a worker thread and calls `entry.exportName` with its TaskRunContext; that entry
 * loads the registry in the thread and runs the plugin's `run(ctx, payload)`.
 */
export function pluginTaskResolver(registry: PluginRegistry): TaskResolver {
  const definitions = new Map<string, TaskDefinition>();
  for (const { plugin, point } of registry.points('background-task')) {
    const task = point as ValidatedTaskPoint;
    const name = `${plugin.definition.id}:${task.key}`;
    definitions.set(name, {
      name,
      pluginId: plugin.definition.id,
      payloadSchema: task.payloadSchema,
      timeoutMs: task.timeoutMs ?? DEFAULT_TASK_TIMEOUT_MS,
      maxAttempts: task.maxAttempts ?? DEFAULT_TASK_MAX_ATTEMPTS,
      ...(task.schedule ? { schedule: { ...DEFAULT_SCHEDULE, ...task.schedule } } : {}),
      entry: { module: TASK_ENTRY, exportName: 'runPluginTask' },
    });
  }
  const failedIds = new Set(registry.failures.map((f) => f.pluginId ?? f.package));
  let state: PluginState | undefined;
  // One copy of the flags per worker, re-read at most every PLUGIN_STATE_TTL_MS.
  const flags = (database: Database) => {
    state ??= new PluginState(database.db);
    return state.current();
  };
  return {
    resolve: (name) => definitions.get(name),
    list: () => [...definitions.values()],
    async disabledPluginIds(database: Database) {
      return [...(await flags(database)).disabledPlugins];
    },
    async disabledTaskNames(database: Database) {
      // Points are `<pluginId>/<type>/<key>`; ids and keys are kebab-case, so the split is exact.
      return [...(await flags(database)).disabledPoints]
        .map((point) => point.split('/'))
        .filter(([, type]) => type === 'background-task')
        .map(([pluginId, , key]) => `${pluginId}:${key}`);
    },
    async missingHint(name, database) {
      const colon = name.indexOf(':');
      const pluginId = colon > 0 ? name.slice(0, colon) : '';
      // Not a plugin's task name: the runner's own wording applies.
      if (!pluginId || pluginId === 'core') return undefined;
      if (failedIds.has(pluginId)) return `the plugin "${pluginId}" failed to load (see Admin → Plugins)`;
      if (registry.get(pluginId))
        return `the installed plugin "${pluginId}" has no task "${name.slice(colon + 1)}"; install the version of it that provides "${name}" and restart the worker, or cancel the job`;
      // An uninstalled plugin keeps its row (marked missing), and with it the package to install again.
      const row = await database.db
        .selectFrom('plugin')
        .select('package')
        .where('plugin_id', '=', pluginId)
        .executeTakeFirst();
      const add = `steppingstones plugins add ${row?.package ?? '<its package>'}`;
      return `install the plugin "${pluginId}" (${add}) and restart the worker, or cancel the job`;
    },
  };
}
