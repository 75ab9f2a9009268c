// Background tasks run in-process against the harness's real database, with the context the job
// runner builds (breach-check queries included).
import { taskContextFor } from '@steppingstones/core/credential-analytics';
import type { PluginTestHarness } from '@steppingstones/core/plugins/testing';
import type { TaskContext } from '@steppingstones/plugin-sdk';

export function taskContext(
  h: PluginTestHarness,
  task: { pluginId: string; key: string; signal?: AbortSignal },
): TaskContext {
  return taskContextFor(h.context, task);
}

/** Switches breached-password checks on or off for an engagement, as a lead's PATCH does. */
export async function setBreachChecks(
  h: PluginTestHarness,
  engagementId: number,
  on: boolean,
): Promise<void> {
  await h.context.database.db
    .updateTable('engagement')
    .set({ breach_checks: on ? 1 : 0 })
    .where('id', '=', engagementId)
    .execute();
}
