import type { TaskContext } from '@steppingstones/plugin-sdk';
import { breachCheckQueries } from '../../credential-analytics/breach/breach.queries.ts';
import type { TaskRunContext } from '../../jobs/index.ts';
import { systemPrincipal } from '../../permissions/index.ts';
import type { ValidatedTaskPoint } from '../plugin-definition.schema.ts';
import { loadPluginRegistry } from '../plugin-registry.ts';
import { PluginState } from '../plugin-state.ts';
import { pluginContextBase } from './plugin-context-base.ts';

/**
 * Runs a plugin's background task inside the job runner's worker thread: loads the plugins (this is a
 * fresh thread), finds `<pluginId>:<key>`, re-checks that plugin and point are enabled, builds the
 * task context and calls `run`. The worker does not claim jobs of a disabled plugin or task (they wait);
 * the re-check covers a job claimed in the moment before the toggle, which is then skipped. Referenced
 * by name from pluginTaskResolver, so any worker can run it.
 */
export async function runPluginTask(run: TaskRunContext): Promise<unknown> {
  const [pluginId, key] = run.job.task.split(':') as [string, string];
  const registry = await loadPluginRegistry({ logger: run.logger });
  const found = registry.point('background-task', pluginId, key);
  if (!found) throw new Error(`No loaded plugin provides the task "${run.job.task}".`);
  const database = await run.database();
  if (!(await new PluginState(database.db).isEnabled(pluginId, 'background-task', key))) {
    run.logger.info({ task: run.job.task }, 'plugin task skipped: the plugin or the task is disabled');
    return { skipped: 'disabled' };
  }
  const task = found.point as ValidatedTaskPoint;
  const payload = task.payloadSchema.parse(run.payload);
  const ctx: TaskContext = {
    ...pluginContextBase({
      pluginId,
      pluginVersion: found.plugin.definition.version,
      point: { type: 'background-task', key },
      principal: systemPrincipal(`plugin:${pluginId}`),
      config: found.plugin.config,
      nowMs: (await run.services()).clock.now(),
      database: database.target,
      logLevel: run.config.logLevel,
      logger: run.logger,
    }),
    attempt: run.job.attempt,
    jobId: run.job.id,
    breachChecks: breachCheckQueries(database.db),
  };
  return (task.run as (c: TaskContext, p: unknown) => unknown)(ctx, payload);
}
