import os from 'node:os';
import type { Transferable, Worker } from 'node:worker_threads';
import { startTsThread } from '../../threads/index.ts';

const POOL_ENTRY = new URL('./pool-worker.ts', import.meta.url);

export type ThreadOutcome<T> =
  | { kind: 'result'; value: T }
  | { kind: 'error'; message: string; stack?: string }
  | { kind: 'timeout' }
  | { kind: 'aborted' };

/**
 * What a pool thread posts: `{ready}` once started; per job `{id, loaded}` once the job's host is
 * loaded (its deadline starts then), then `{id, ok, …}`.
 */
export type PoolMessage<T> =
  | { ready: true }
  | { id: number; loaded: true }
  | { id: number; ok: true; value: T }
  | { id: number; ok: false; message: string; stack?: string };

interface PoolThread {
  worker: Worker;
  /** Resolves true once started, false if the thread died (or hung) while starting. */
  ready: Promise<boolean>;
  busy: boolean;
  /** Why it died while loading, for the caller's error message. */
  loadError?: string;
}

/** What the pool posts to a thread: a call, the cancellation of one, or "load this task's host now". */
export type PoolRequest =
  | { id: number; task: string; data: unknown }
  | { cancel: number }
  | { preload: string };

/**
 * How long a thread may take to load TypeScript, or the host of a kind of call and its libraries (on
 * that kind's first call), on a busy machine.
 */
const BOOT_TIMEOUT_MS = 120_000;
/** How long a cancelled call has to stop by itself before its thread is terminated. */
const CANCEL_GRACE_MS = 2_000;

interface Job {
  task: string;
  data: unknown;
  transfer: readonly Transferable[];
  timeoutMs: number;
  signal: AbortSignal | undefined;
  resolve: (outcome: ThreadOutcome<unknown>) => void;
}

/**
 * Worker threads for plugin calls. Loading TypeScript, the host and a plugin takes seconds, so threads
 * are kept warm and reused; each call still builds its own context. A call that passes its deadline
 * (or is cancelled and does not stop within a grace period) gets its thread terminated and replaced,
 * so an infinite loop costs one thread for at most its deadline and never blocks the server's event loop.
 */
export class ThreadPool {
  private readonly threads = new Set<PoolThread>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly max = Math.max(2, Math.min(4, os.availableParallelism())),
    private readonly memoryMb = 512,
  ) {}

  /**
   * Starts threads until `count` exist, in the background; resolves when they have started. With
   * `task`, each thread also loads that task's host (e.g. `report`) while idle, so the call that
   * likely follows does not wait for it.
   */
  async warm(count = 1, task?: string): Promise<void> {
    for (let i = this.threads.size; i < Math.min(count, this.max); i++) this.spawn();
    if (task) for (const t of this.threads) t.worker.postMessage({ preload: task } satisfies PoolRequest);
    await Promise.all([...this.threads].map((t) => t.ready));
  }

  /**
   * Runs `task` on a thread. `transfer` moves objects into it (e.g. a MessagePort the call streams
   * through). When `signal` aborts, the call is answered `aborted` at once and asked to stop (its own
   * signal aborts); a call that does not stop within a grace period has its thread terminated.
   */
  run<T>(
    task: string,
    data: unknown,
    options: { timeoutMs: number; signal?: AbortSignal; transfer?: readonly Transferable[] },
  ): Promise<ThreadOutcome<T>> {
    if (this.closed) return Promise.resolve({ kind: 'error', message: 'the server is shutting down' });
    return new Promise((resolve) => {
      this.queue.push({
        task,
        data,
        transfer: options.transfer ?? [],
        timeoutMs: options.timeoutMs,
        signal: options.signal,
        resolve: resolve as Job['resolve'],
      });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0))
      job.resolve({ kind: 'error', message: 'the server is shutting down' });
    // An idle thread is unref'd, and the exit that settles terminate() does not keep the process
    // alive: without ref() a process closing the pool could end mid-shutdown with this await pending.
    await Promise.all(
      [...this.threads].map((t) => {
        t.worker.ref();
        return t.worker.terminate();
      }),
    );
    this.threads.clear();
  }

  private spawn(): PoolThread {
    const worker = startTsThread(POOL_ENTRY, { resourceLimits: { maxOldGenerationSizeMb: this.memoryMb } });
    worker.unref();
    let markReady: (ok: boolean) => void = () => {};
    const ready = new Promise<boolean>((resolve) => {
      markReady = resolve;
    });
    const thread: PoolThread = { worker, ready, busy: false };
    const bootTimer = setTimeout(() => {
      thread.loadError = `the plugin thread did not load within ${BOOT_TIMEOUT_MS / 1000} s`;
      void worker.terminate();
    }, BOOT_TIMEOUT_MS);
    bootTimer.unref();
    const onReady = (msg: PoolMessage<unknown>) => {
      if ('ready' in msg) {
        clearTimeout(bootTimer);
        worker.off('message', onReady);
        markReady(true);
      }
    };
    worker.on('message', onReady);
    // A thread that dies (out of memory, a crash, a broken install) is dropped; if it was still
    // loading, the call waiting for it fails with the reason instead of retrying forever.
    worker.on('exit', () => {
      clearTimeout(bootTimer);
      this.threads.delete(thread);
      markReady(false);
    });
    worker.on('error', (error) => {
      thread.loadError ??= error.message;
    });
    this.threads.add(thread);
    return thread;
  }

  private dispatch(): void {
    while (this.queue.length) {
      let thread = [...this.threads].find((t) => !t.busy);
      if (!thread && this.threads.size < this.max) thread = this.spawn();
      if (!thread) return;
      const job = this.queue.shift()!;
      if (job.signal?.aborted) {
        job.resolve({ kind: 'aborted' });
        continue;
      }
      thread.busy = true;
      void this.execute(thread, job);
    }
  }

  private async execute(thread: PoolThread, job: Job): Promise<void> {
    if (!(await thread.ready)) {
      job.resolve({
        kind: 'error',
        message: `the plugin thread could not start: ${thread.loadError ?? 'it exited'}`,
      });
      this.dispatch();
      return;
    }
    const { worker } = thread;
    const id = this.nextId++;
    let answered = false;
    let released = false;
    let graceTimer: NodeJS.Timeout | undefined;
    /** Gives the caller its outcome (once); the thread may still be finishing a cancelled call. */
    const answer = (outcome: ThreadOutcome<unknown>) => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      job.signal?.removeEventListener('abort', onAbort);
      job.resolve(outcome);
    };
    /** Frees the thread for the next call, or terminates it when it cannot be trusted to be idle. */
    const release = (keepThread: boolean) => {
      if (released) return;
      released = true;
      clearTimeout(graceTimer);
      worker.off('message', onMessage);
      worker.off('exit', onExit);
      worker.off('error', onError);
      if (keepThread && this.threads.has(thread)) {
        thread.busy = false;
        worker.unref();
      } else {
        this.threads.delete(thread);
        void worker.terminate();
      }
      this.dispatch();
    };
    const finish = (outcome: ThreadOutcome<unknown>, keepThread: boolean) => {
      answer(outcome);
      release(keepThread);
    };
    const onMessage = (msg: PoolMessage<unknown>) => {
      if ('ready' in msg || msg.id !== id) return;
      if ('loaded' in msg) {
        if (answered) return;
        clearTimeout(timer);
        timer = setTimeout(() => finish({ kind: 'timeout' }, false), job.timeoutMs);
        return;
      }
      finish(
        msg.ok
          ? { kind: 'result', value: msg.value }
          : { kind: 'error', message: msg.message, stack: msg.stack },
        true,
      );
    };
    const onExit = (code: number) =>
      finish(
        { kind: 'error', message: `the plugin's thread stopped (exit code ${code}), e.g. out of memory` },
        false,
      );
    const onError = (error: Error) =>
      finish({ kind: 'error', message: error.message, stack: error.stack }, false);
    const onAbort = () => {
      answer({ kind: 'aborted' });
      // The call's own signal aborts in the thread; when it stops, its reply frees the thread.
      worker.postMessage({ cancel: id } satisfies PoolRequest);
      graceTimer = setTimeout(() => release(false), CANCEL_GRACE_MS);
    };
    if (!this.threads.has(thread)) {
      // It died between loading and this call: run the job on another thread.
      this.queue.unshift(job);
      this.dispatch();
      return;
    }
    // Until the thread has loaded the job's host, the loading limit applies; then the job's deadline.
    let timer = setTimeout(
      () =>
        finish(
          { kind: 'error', message: `the plugin thread did not load within ${BOOT_TIMEOUT_MS / 1000} s` },
          false,
        ),
      BOOT_TIMEOUT_MS,
    );
    job.signal?.addEventListener('abort', onAbort);
    worker.on('message', onMessage);
    worker.on('exit', onExit);
    worker.on('error', onError);
    worker.ref();
    worker.postMessage({ id, task: job.task, data: job.data } satisfies PoolRequest, [...job.transfer]);
  }
}
