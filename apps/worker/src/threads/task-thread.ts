import type { Worker } from 'node:worker_threads';
import type { TaskEntry } from '@steppingstones/core/jobs';
import { startTsThread } from '@steppingstones/core/threads';
import type { ResultMessage, RunMessage } from './thread-protocol.ts';

export type RunOutcome =
  | { ok: true; result: unknown }
  | { ok: false; error: string; permanent: boolean; stopped?: 'timeout' | 'cancelled' };

const ENTRY = new URL('./task-thread-main.ts', import.meta.url);
/** Starting a thread and loading a task's module (compiled on the fly) may take a while on a busy machine. */
const LOAD_TIMEOUT_MS = 60_000;

/**
 * One worker thread that runs tasks one at a time. A task past its deadline is stopped by terminating
 * the thread (the only way to stop code that blocks its thread); the thread is then dead and the pool
 * starts a new one.
 */
export class TaskThread {
  readonly #worker: Worker;
  #dead = false;
  #nextRun = 1;
  #pending:
    | { runId: number; resolve: (o: RunOutcome) => void; timer: NodeJS.Timeout; timeoutMs: number }
    | undefined;

  constructor(env: Record<string, string | undefined>) {
    this.#worker = startTsThread(ENTRY, { env: { ...env } });
    this.#worker.on('message', (m: ResultMessage) => {
      if (m.type === 'started') this.#startDeadline(m.runId);
      else this.#settle(m.runId, m.ok ? { ok: true, result: m.result } : m);
    });
    this.#worker.on('error', (error) => this.#die(`The task thread crashed: ${error.message}`));
    this.#worker.on('exit', (code) => this.#die(`The task thread exited (code ${code}).`));
  }

  get dead(): boolean {
    return this.#dead;
  }

  get busy(): boolean {
    return this.#pending !== undefined;
  }

  run(entry: TaskEntry, job: RunMessage['job'], payload: unknown, timeoutMs: number): Promise<RunOutcome> {
    if (this.#dead || this.#pending) throw new Error('TaskThread is not free');
    const runId = this.#nextRun++;
    return new Promise<RunOutcome>((resolve) => {
      const timer = setTimeout(() => {
        this.stop({
          ok: false,
          permanent: false,
          stopped: 'timeout',
          error: `The task's code did not load within ${formatMs(LOAD_TIMEOUT_MS)}; the thread was stopped.`,
        });
      }, LOAD_TIMEOUT_MS);
      this.#pending = { runId, resolve, timer, timeoutMs };
      const message: RunMessage = { type: 'run', runId, entry, job, payload };
      this.#worker.postMessage(message);
    });
  }

  /** Stops the running task (deadline, cancellation, shutdown): the thread is terminated. */
  stop(outcome: RunOutcome): void {
    const pending = this.#pending;
    this.#dead = true;
    if (pending) {
      this.#pending = undefined;
      clearTimeout(pending.timer);
      pending.resolve(outcome);
    }
    void this.#worker.terminate();
  }

  async close(): Promise<void> {
    this.#dead = true;
    await this.#worker.terminate();
  }

  /** The task's own deadline runs from the moment its code starts, not from thread start-up. */
  #startDeadline(runId: number): void {
    const pending = this.#pending;
    if (!pending || pending.runId !== runId) return;
    clearTimeout(pending.timer);
    const { timeoutMs } = pending;
    pending.timer = setTimeout(() => {
      this.stop({
        ok: false,
        permanent: false,
        stopped: 'timeout',
        error: `The task did not finish within ${formatMs(timeoutMs)} and was stopped.`,
      });
    }, timeoutMs);
  }

  #settle(runId: number, outcome: RunOutcome): void {
    const pending = this.#pending;
    if (!pending || pending.runId !== runId) return;
    this.#pending = undefined;
    clearTimeout(pending.timer);
    pending.resolve(outcome);
  }

  #die(reason: string): void {
    if (this.#dead && !this.#pending) return;
    this.#dead = true;
    const pending = this.#pending;
    if (pending) this.#settle(pending.runId, { ok: false, permanent: false, error: reason });
  }
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}
