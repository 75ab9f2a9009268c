import { parentPort } from 'node:worker_threads';
import {
  createLogger,
  loadConfig,
  loadOrCreateSecretKey,
  type ServiceContext,
  secretKeys,
  systemClock,
} from '@steppingstones/core';
import type { TaskFunction } from '@steppingstones/core/jobs';
import { systemPrincipal } from '@steppingstones/core/permissions';
import type { Database } from '@steppingstones/db';
import type { ResultMessage, RunMessage } from './thread-protocol.ts';

// A task thread runs one task at a time, for as long as the pool keeps it; the main thread
// terminates it when a task passes its deadline. It opens its own database connection on first use.
const config = loadConfig(process.env);
const logger = createLogger(config, 'steppingstones-task');
let database: Database | undefined;
const openDatabase = async () => {
  if (!database) {
    const { createDb } = await import('@steppingstones/db');
    database = createDb({ target: config.database, poolSize: 2 });
  }
  return database;
};
// Keys are read once, when a task first asks for a service context.
let services: ServiceContext | undefined;
const openServices = async (): Promise<ServiceContext> => {
  services ??= {
    db: (await openDatabase()).db,
    principal: systemPrincipal('worker'),
    clock: systemClock,
    keys: secretKeys(loadOrCreateSecretKey(config.secretKeyFile)),
    logger,
  };
  return services;
};

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

parentPort!.on('message', async (message: RunMessage) => {
  if (message.type !== 'run') return;
  let reply: ResultMessage;
  try {
    const module = (await import(message.entry.module)) as Record<string, unknown>;
    const fn = module[message.entry.exportName] as TaskFunction | undefined;
    if (typeof fn !== 'function')
      throw Object.assign(new Error(`${message.entry.module} has no function ${message.entry.exportName}`), {
        permanent: true,
      });
    parentPort!.postMessage({ type: 'started', runId: message.runId } satisfies ResultMessage);
    const result = await fn({
      job: message.job,
      payload: message.payload,
      config,
      logger: logger.child({ task: message.job.task, jobId: message.job.id }),
      database: openDatabase,
      services: openServices,
    });
    // Only structured-cloneable results cross the thread boundary.
    reply = {
      type: 'result',
      runId: message.runId,
      ok: true,
      result: JSON.parse(JSON.stringify(result ?? null)),
    };
  } catch (error) {
    const permanent = Boolean((error as { permanent?: unknown } | null)?.permanent);
    reply = { type: 'result', runId: message.runId, ok: false, error: errorText(error), permanent };
  }
  parentPort!.postMessage(reply);
});
