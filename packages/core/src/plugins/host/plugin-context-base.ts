import { createDb, type DatabaseTarget } from '@steppingstones/db';
import type { BaseContext } from '@steppingstones/plugin-sdk';
import type { Logger } from 'pino';
import { enqueueTask } from '../../jobs/index.ts';
import {
  hasPermission,
  PERMISSION_CODES,
  type PermissionCode,
  type Principal,
} from '../../permissions/index.ts';
import { loadPluginRegistry } from '../plugin-registry.ts';
import { pluginTaskResolver } from '../plugin-task-resolver.ts';
import { pluginLogger } from './plugin-logger.ts';

export interface BaseContextInput {
  pluginId: string;
  pluginVersion: string;
  point: { type: string; key: string };
  principal: Principal;
  config: unknown;
  nowMs: number;
  database: DatabaseTarget;
  logLevel: string;
  signal?: AbortSignal;
  logger?: Logger;
}

/** The members every plugin call shares: identity, config, principal, logger, clock, signal, scheduler. */
export function pluginContextBase(input: BaseContextInput): BaseContext {
  const { principal } = input;
  const logger = pluginLogger(input);
  const permissions = principal.isSuperuser ? [...PERMISSION_CODES] : [...principal.permissions];
  return {
    plugin: { id: input.pluginId, version: input.pluginVersion },
    point: input.point,
    config: input.config,
    principal: {
      userId: principal.userId,
      username: principal.username,
      isSuperuser: principal.isSuperuser,
      permissions,
    },
    hasPermission: (code) => hasPermission(principal, code as PermissionCode),
    logger,
    clock: { now: () => new Date(input.nowMs) },
    signal: input.signal ?? new AbortController().signal,
    jobs: {
      // Rare, so the writable connection and the registry (for the payload check) open only when used.
      async enqueue(task, payload, options = {}) {
        const registry = await loadPluginRegistry();
        const database = createDb({ target: input.database, poolSize: 1 });
        try {
          // Stamped with the call's clock, the one the plugin itself is given.
          const handle = { db: database.db, clock: { now: () => input.nowMs } };
          await enqueueTask(handle, pluginTaskResolver(registry), task, payload, options);
        } finally {
          await database.close();
        }
      },
    },
  };
}
