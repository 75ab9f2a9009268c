import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { ServiceContext } from '@steppingstones/core';
import {
  type BackoffOptions,
  claimJobs,
  completeJob,
  failJob,
  failJobPermanently,
  type JobRow,
  releaseJobs,
  renewLeases,
  type TaskResolver,
} from '@steppingstones/core/jobs';
import type { Database } from '@steppingstones/db';
import type { Logger } from 'pino';
import { type RunOutcome, TaskThread } from './threads/task-thread.ts';

export interface RunnerOptions {
  /** Tasks running at once (one thread each). */
  concurrency: number;
  /** How long a claim holds a job without a heartbeat; a dead worker's jobs run again after it. */
  leaseMs: number;
  heartbeatMs: number;
  /** How often an idle worker looks for due jobs. */
  pollMs: number;
  backoff: BackoffOptions;
  /** SIGTERM: how long running tasks may take to finish before they are stopped and released. */
  shutdownGraceMs: number;
  /** Environment for task threads (they read their configuration from it). */
  env: Record<string, string | undefined>;
}

export const DEFAULT_RUNNER_OPTIONS: Omit<RunnerOptions, 'env'> = {
  concurrency: 4,
  leaseMs: 60_000,
  heartbeatMs: 15_000,
  pollMs: 1000,
  backoff: { baseMs: 5000, capMs: 3_600_000 },
  shutdownGraceMs: 20_000,
};

interface Active {
  job: JobRow;
  thread?: TaskThread;
  done: Promise<void>;
}

/**
 * Claims due jobs and runs each in a worker thread under its deadline, while the main thread keeps
 * the leases alive. Outcomes go back to the database through core's job functions.
 */
export class JobRunner {
  readonly owner = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  readonly #active = new Map<number, Active>();
  readonly #idle: TaskThread[] = [];
  #running = false;
  #wake: (() => void) | undefined;
  /** A poke that arrived while the loop was busy claiming: claim again instead of sleeping. */
  #poked = false;
  #loop: Promise<void> | undefined;
  #heartbeat: NodeJS.Timeout | undefined;

  constructor(
    readonly database: Database,
    /** The worker's service context: the system principal, the process's clock and keys. */
    readonly services: ServiceContext,
    readonly resolver: TaskResolver,
    readonly options: RunnerOptions,
    readonly logger: Logger,
  ) {}

  start(): void {
    this.#running = true;
    // One warm thread, so the first job does not wait for a thread to load TypeScript.
    this.#idle.push(new TaskThread(this.options.env));
    this.#loop = this.#claimLoop();
    this.#heartbeat = setInterval(() => void this.#renew(), this.options.heartbeatMs);
  }

  /** Wakes the claim loop now (e.g. the outbox follower just queued deliveries). */
  poke(): void {
    this.#poked = true;
    this.#wake?.();
  }

  /** Graceful stop: no new claims; running tasks get the grace period, then are stopped and released. */
  async stop(graceMs = this.options.shutdownGraceMs): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    this.poke();
    await this.#loop;
    const all = Promise.all([...this.#active.values()].map((a) => a.done));
    let timer: NodeJS.Timeout | undefined;
    const late = await Promise.race([
      all.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), graceMs);
      }),
    ]);
    clearTimeout(timer);
    if (late) {
      const ids = [...this.#active.keys()];
      this.logger.warn({ jobs: ids }, 'shutdown: tasks still running after the grace period; releasing them');
      for (const a of this.#active.values())
        a.thread?.stop({ ok: false, permanent: false, stopped: 'cancelled', error: 'released at shutdown' });
      await releaseJobs(this.services, this.owner, ids);
      await all;
    }
    clearInterval(this.#heartbeat);
    await Promise.all(this.#idle.splice(0).map((t) => t.close()));
  }

  get activeJobIds(): number[] {
    return [...this.#active.keys()];
  }

  async #claimLoop(): Promise<void> {
    while (this.#running) {
      this.#poked = false;
      let claimed = 0;
      const free = this.options.concurrency - this.#active.size;
      if (free > 0) {
        try {
          const pausedPluginIds = (await this.resolver.disabledPluginIds?.(this.database)) ?? [];
          const pausedTaskNames = (await this.resolver.disabledTaskNames?.(this.database)) ?? [];
          const jobs = await claimJobs(this.services, {
            owner: this.owner,
            leaseMs: this.options.leaseMs,
            limit: free,
            pausedPluginIds,
            pausedTaskNames,
            excludeIds: [...this.#active.keys()],
          });
          claimed = jobs.length;
          for (const job of jobs) this.#start(job);
        } catch (error) {
          this.logger.error({ err: error }, 'claiming jobs failed; trying again shortly');
        }
      }
      // Claim again at once when the batch was full and slots remain; otherwise sleep until poked.
      if (claimed > 0 && claimed === free && this.#active.size < this.options.concurrency) continue;
      if (this.#poked && this.#active.size < this.options.concurrency) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollMs);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
  }

  #start(job: JobRow): void {
    const id = Number(job.id);
    const active: Active = { job, done: Promise.resolve() };
    this.#active.set(id, active);
    active.done = this.#run(active)
      .catch((error) => this.logger.error({ err: error, jobId: id }, 'recording a job outcome failed'))
      .finally(() => {
        this.#active.delete(id);
        this.poke();
      });
  }

  async #run(active: Active): Promise<void> {
    const { job } = active;
    const id = Number(job.id);
    const definition = this.resolver.resolve(job.task);
    if (!definition) {
      const hint = (await this.resolver.missingHint?.(job.task, this.database)) ?? missingTaskHint(job.task);
      const sentence = `${hint.charAt(0).toUpperCase()}${hint.slice(1)}${hint.endsWith('.') ? '' : '.'}`;
      await failJobPermanently(
        this.services,
        this.owner,
        id,
        job.attempts,
        `No installed task is called "${job.task}". ${sentence}`,
      );
      return;
    }
    if (job.repeat_seconds === 0 && job.attempts > job.max_attempts) {
      await failJobPermanently(
        this.services,
        this.owner,
        id,
        job.attempts,
        `Gave up after ${job.max_attempts} attempts. Last error: ${job.last_error ?? 'none'}`,
      );
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(job.payload);
    } catch {
      payload = undefined;
    }
    const parsed = definition.payloadSchema.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` at "${issue.path.join('.')}"` : '';
      const owner = definition.pluginId ? `the plugin "${definition.pluginId}"` : 'Stepping Stones';
      await failJobPermanently(
        this.services,
        this.owner,
        id,
        job.attempts,
        `The payload does not match the schema of task "${job.task}"${where}: ${issue?.message}. ` +
          `It was probably queued by another version of ${owner}; enqueue it again with a valid payload.`,
      );
      return;
    }
    const thread = this.#idle.pop() ?? new TaskThread(this.options.env);
    active.thread = thread;
    const outcome: RunOutcome = await thread.run(
      definition.entry,
      { id, task: job.task, attempt: job.attempts, maxAttempts: job.max_attempts },
      parsed.data,
      definition.timeoutMs,
    );
    if (!thread.dead && this.#running) this.#idle.push(thread);
    else if (!thread.dead) void thread.close();
    if (outcome.ok) {
      await completeJob(this.services, this.owner, id, job.attempts);
    } else if (outcome.stopped === 'cancelled') {
      // Cancelled by an admin, lost lease, or released at shutdown: the database already says what next.
    } else if (outcome.permanent) {
      await failJobPermanently(this.services, this.owner, id, job.attempts, outcome.error);
    } else {
      const result = await failJob(
        this.services,
        this.owner,
        id,
        job.attempts,
        outcome.error,
        this.options.backoff,
      );
      this.logger.warn({ jobId: id, task: job.task, error: outcome.error, result }, 'job failed');
    }
  }

  /** Heartbeat: renews the leases; a job no longer held (cancelled, taken over) is stopped. */
  async #renew(): Promise<void> {
    const ids = [...this.#active.keys()];
    if (ids.length === 0) return;
    try {
      const held = await renewLeases(this.services, this.owner, ids, this.options.leaseMs);
      for (const id of ids) {
        const active = this.#active.get(id);
        if (active && !held.has(id))
          active.thread?.stop({ ok: false, permanent: false, stopped: 'cancelled', error: 'cancelled' });
      }
    } catch (error) {
      this.logger.error({ err: error }, 'renewing job leases failed');
    }
  }
}

function missingTaskHint(task: string): string {
  const [pluginId] = task.split(':');
  return task.includes(':') && pluginId !== 'core'
    ? `Install and enable the plugin "${pluginId}" (steppingstones plugins add <its package>), or cancel the job.`
    : 'Cancel the job; this version of Stepping Stones does not know it.';
}
