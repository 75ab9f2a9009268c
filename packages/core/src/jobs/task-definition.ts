import type { Database } from '@steppingstones/db';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { AppConfig } from '../config/config.ts';
import type { ServiceContext } from '../service-context.ts';

/** How a background task is scheduled automatically at worker start (the original's semantics). */
export interface TaskSchedule {
  /** Seconds from worker start to the first run (default 30). */
  delaySeconds: number;
  /** Seconds between runs; 0 = run once (default 0). */
  repeatSeconds: number;
  /** true: drop queued copies, only the new delay / repeat apply; false: keep a queued copy. */
  replaceExistingTasks: boolean;
}

/**
 * Where a worker thread finds a task's code: a module URL and the name of the export to call with a
 * `TaskRunContext`. Threads import by URL, so a separate worker process can run any registered task.
 */
export interface TaskEntry {
  module: string;
  exportName: string;
}

/** Everything the job runner needs to know about a task name. */
export interface TaskDefinition {
  /** `<pluginId>:<key>`, or `core:<key>` for the app's own tasks. Stored in job rows forever. */
  name: string;
  /** The plugin providing it (its enabled flag pauses the task's jobs); undefined for core tasks. */
  pluginId?: string;
  payloadSchema: z.ZodType;
  timeoutMs: number;
  maxAttempts: number;
  schedule?: TaskSchedule;
  entry: TaskEntry;
}

/**
 * Name → task. The worker asks at claim time, so tasks come and go with plugins. The app's own tasks
 * and the plugin registry are combined with `combineResolvers`.
 */
export interface TaskResolver {
  resolve(name: string): TaskDefinition | undefined;
  /** Every task this resolver knows (the scheduler enqueues those with a schedule). */
  list(): TaskDefinition[];
  /** Ids of installed plugins that are disabled now: their jobs wait (checked at every claim). */
  disabledPluginIds?(database: Database): Promise<string[]>;
  /** Names (`<pluginId>:<key>`) of tasks disabled on their own now: their jobs wait too. */
  disabledTaskNames?(database: Database): Promise<string[]>;
  /**
   * For a task nobody knows: a hint naming what to install, e.g. "install the plugin `x`". It may read
   * the database (an uninstalled plugin's row keeps the package it came from).
   */
  missingHint?(name: string, database: Database): Promise<string | undefined> | string | undefined;
}

/** What a task function receives inside its worker thread. */
export interface TaskRunContext {
  job: { id: number; task: string; attempt: number; maxAttempts: number };
  /** Already validated against the task's payload schema. */
  payload: unknown;
  config: AppConfig;
  logger: Logger;
  /** The thread's own connection, opened on first use. */
  database(): Promise<Database>;
  /** A service context on that connection (system principal, the process's clock and keys). */
  services(): Promise<ServiceContext>;
}

export type TaskFunction = (ctx: TaskRunContext) => Promise<unknown>;

export const DEFAULT_SCHEDULE: TaskSchedule = {
  delaySeconds: 30,
  repeatSeconds: 0,
  replaceExistingTasks: true,
};

/** A resolver over a fixed list (the app's own tasks, tests). */
export function staticResolver(definitions: TaskDefinition[]): TaskResolver {
  const byName = new Map(definitions.map((d) => [d.name, d]));
  return { resolve: (name) => byName.get(name), list: () => [...byName.values()] };
}

/** The first resolver that knows a name wins; disabled plugins, disabled tasks and hints are merged. */
export function combineResolvers(...resolvers: TaskResolver[]): TaskResolver {
  return {
    resolve: (name) => {
      for (const r of resolvers) {
        const d = r.resolve(name);
        if (d) return d;
      }
      return undefined;
    },
    list: () => resolvers.flatMap((r) => r.list()),
    async disabledPluginIds(database) {
      const ids = await Promise.all(resolvers.map((r) => r.disabledPluginIds?.(database) ?? []));
      return [...new Set(ids.flat())];
    },
    async disabledTaskNames(database) {
      const names = await Promise.all(resolvers.map((r) => r.disabledTaskNames?.(database) ?? []));
      return [...new Set(names.flat())];
    },
    async missingHint(name, database) {
      for (const r of resolvers) {
        const hint = await r.missingHint?.(name, database);
        if (hint) return hint;
      }
      return undefined;
    },
  };
}

/**
 * Thrown by a task when retrying can not help (e.g. a refused webhook target): the job fails at once
 * with this message instead of using up its attempts.
 */
export class PermanentTaskError extends Error {
  readonly permanent = true;
  constructor(message: string) {
    super(message);
    this.name = 'PermanentTaskError';
  }
}
