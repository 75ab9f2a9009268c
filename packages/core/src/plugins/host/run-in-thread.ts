import { Worker } from 'node:worker_threads';

const BOOTSTRAP = new URL('./thread-bootstrap.mjs', import.meta.url);

export type ThreadOutcome<T> =
  | { kind: 'result'; value: T }
  | { kind: 'error'; message: string; stack?: string }
  | { kind: 'timeout' }
  | { kind: 'aborted' };

/** What a thread entry posts: `{started: true}` once loaded, then one result or error. */
export type ThreadMessage<T> =
  | { started: true }
  | { ok: true; value: T }
  | { ok: false; message: string; stack?: string };

/**
 * Runs `entry` (a module URL) in a fresh worker thread with `data`, and resolves with the first message
 * it posts. The thread is terminated when the deadline passes or `signal` aborts, so a plugin that
 * loops forever costs one thread for at most its deadline, never the event loop of the server.
 */
export function runInThread<T>(
  entry: URL,
  data: Record<string, unknown>,
  options: {
    timeoutMs: number;
    bootTimeoutMs?: number;
    signal?: AbortSignal;
    resourceLimits?: { maxOldGenerationSizeMb?: number };
  },
): Promise<ThreadOutcome<T>> {
  return new Promise((resolve) => {
    const worker = new Worker(BOOTSTRAP, {
      workerData: { ...data, entry: entry.href },
      resourceLimits: { maxOldGenerationSizeMb: options.resourceLimits?.maxOldGenerationSizeMb ?? 512 },
      stdout: false,
      stderr: false,
    });
    let settled = false;
    const finish = (outcome: ThreadOutcome<T>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      resolve(outcome);
    };
    // The thread first loads TypeScript, the host and the plugin (seconds on a busy machine); the
    // plugin's own deadline starts when it says it is ready.
    let timer = setTimeout(() => finish({ kind: 'timeout' }), options.bootTimeoutMs ?? 60_000);
    const onAbort = () => finish({ kind: 'aborted' });
    options.signal?.addEventListener('abort', onAbort);
    worker.on('message', (msg: ThreadMessage<T>) => {
      if ('started' in msg) {
        clearTimeout(timer);
        timer = setTimeout(() => finish({ kind: 'timeout' }), options.timeoutMs);
        return;
      }
      finish(
        msg.ok
          ? { kind: 'result', value: msg.value }
          : { kind: 'error', message: msg.message, stack: msg.stack },
      );
    });
    worker.on('error', (error) => finish({ kind: 'error', message: error.message, stack: error.stack }));
    worker.on('exit', (code) =>
      finish({ kind: 'error', message: `the plugin's thread exited (code ${code}) without a result` }),
    );
  });
}
