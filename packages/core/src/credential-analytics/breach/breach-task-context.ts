import type { TaskContext } from '@steppingstones/plugin-sdk';
import type { AppContext } from '../../app-context.ts';
import { systemPrincipal } from '../../permissions/index.ts';
import { pluginContextBase } from '../../plugins/host/plugin-context-base.ts';
import { breachCheckQueries } from './breach.queries.ts';

/**
 * A background task's context on an app context's database, built as the job runner builds it (for
 * plugin tests that run a task in-process).
 */
export function taskContextFor(
  app: AppContext,
  task: { pluginId: string; key: string; signal?: AbortSignal; attempt?: number },
): TaskContext {
  return {
    ...pluginContextBase({
      pluginId: task.pluginId,
      pluginVersion: '0.0.0',
      point: { type: 'background-task', key: task.key },
      principal: systemPrincipal(`plugin:${task.pluginId}`),
      config: {},
      nowMs: app.clock.now(),
      database: app.database.target,
      logLevel: 'silent',
      signal: task.signal,
    }),
    attempt: task.attempt ?? 1,
    jobId: 0,
    breachChecks: breachCheckQueries(app.database.db),
  };
}
