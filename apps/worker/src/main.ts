import { type AppContext, createAppContext, loadConfig, serviceContext } from '@steppingstones/core';
import { combineResolvers, scheduleTasks, type TaskResolver } from '@steppingstones/core/jobs';
import { systemPrincipal } from '@steppingstones/core/permissions';
import { pluginHostFor, pluginTaskResolver } from '@steppingstones/core/plugins';
import { registerRunningProcess, sweepOrphanUploads } from '@steppingstones/core/runtime';
import { redactDatabaseUrl } from '@steppingstones/db';
import { coreTaskResolver } from './core-tasks.ts';
import { DEFAULT_RUNNER_OPTIONS, JobRunner, type RunnerOptions } from './job-runner.ts';
import { followOutbox } from './outbox-follower.ts';

export interface WorkerOptions extends Partial<Omit<RunnerOptions, 'env'>> {
  /** Extra tasks (tests add their own). */
  resolver?: TaskResolver;
  /** Load the installed plugins' background tasks (default true). */
  plugins?: boolean;
  outboxPollMs?: number;
  /** Skip start-up scheduling (tests that drive the scheduler themselves). */
  schedule?: boolean;
  /**
   * Use this app context instead of opening one (it stays open on stop). In-process tests pass theirs:
   * two SQLite connections on one event loop would block each other's transactions.
   */
  context?: AppContext;
}

export interface RunningWorker {
  ctx: AppContext;
  runner: JobRunner;
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts the worker ("ssbot"): config → database (migrated) → schedule the tasks that have a
 * schedule (once, under a database lock) → claim and run jobs, follow the outbox for webhooks.
 */
export async function startWorker(
  env: NodeJS.ProcessEnv = process.env,
  options: WorkerOptions = {},
): Promise<RunningWorker> {
  const ctx = options.context ?? (await createAppContext(loadConfig(env), 'steppingstones-worker'));
  const { config } = ctx;
  const resolvers = [coreTaskResolver()];
  if (options.plugins !== false) {
    try {
      resolvers.push(pluginTaskResolver((await pluginHostFor(ctx)).registry));
    } catch (error) {
      // A broken plugin list must not stop the app's own jobs (webhooks, pruning).
      ctx.logger.error({ err: error }, 'loading the plugins failed; running the built-in tasks only');
    }
  }
  if (options.resolver) resolvers.push(options.resolver);
  const resolver = combineResolvers(...resolvers);
  // The worker acts as the system: one service context for the whole process.
  const services = serviceContext(ctx, systemPrincipal('worker'));
  const runner = new JobRunner(
    ctx.database,
    services,
    resolver,
    { ...DEFAULT_RUNNER_OPTIONS, ...options, env: { ...env } },
    ctx.logger.child({ component: 'jobs' }),
  );
  ctx.logger.info({ database: redactDatabaseUrl(config.database), owner: runner.owner }, 'worker starting');
  if (options.schedule !== false) {
    const report = await scheduleTasks(services, resolver);
    ctx.logger.info(report, 'scheduled background tasks');
  }
  // Uploads a day old that no queued or running import will read (a crash, a kill): hashes and
  // passwords have no business staying on disk.
  try {
    const removed = await sweepOrphanUploads(ctx.database.db, config.dataDir, ctx.clock.now());
    if (removed.length) ctx.logger.info({ removed: removed.length }, 'removed orphaned uploads');
  } catch (error) {
    ctx.logger.warn({ err: error }, 'sweeping orphaned uploads failed');
  }
  runner.start();
  const outbox = followOutbox(services, {
    pollMs: options.outboxPollMs ?? 1000,
    logger: ctx.logger.child({ component: 'webhooks' }),
    onQueued: () => runner.poke(),
  });
  const unregister = registerRunningProcess(config.dataDir, 'worker');
  let stopping: Promise<void> | undefined;
  return {
    ctx,
    runner,
    stop(graceMs) {
      stopping ??= (async () => {
        await outbox.stop();
        await runner.stop(graceMs);
        if (!options.context) await ctx.close();
        unregister();
      })();
      return stopping;
    },
  };
}
