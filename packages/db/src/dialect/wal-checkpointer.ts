import { Worker } from 'node:worker_threads';
import type { SqliteConnection } from '../create-db.ts';
import type { DbLogger } from '../logger.ts';

const WORKER = new URL('./wal-checkpoint.worker.mjs', import.meta.url);

/** SQLite's own default: the log is copied back once it holds this many pages. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

export interface WalCheckpointer {
  /** Runs a pass now (tests, shutdown): frames in the log and frames copied to the database file. */
  flush(): Promise<{ log: number; checkpointed: number }>;
  /** Stops the thread and gives the checkpoint back to the connection's commits. */
  stop(): Promise<void>;
}

/**
 * Moves SQLite's checkpoint off the event loop (docs/adr/0009): a thread with its own connection copies
 * the write-ahead log into the database file every `intervalMs` (a second), and the connection's commits stop doing
 * it (`wal_autocheckpoint = 0`) only once that thread runs. If the thread fails, commits checkpoint again,
 * so the log never grows without bound.
 */
export async function startWalCheckpointer(
  sqlite: SqliteConnection,
  databaseFile: string,
  options: { intervalMs?: number; logger?: DbLogger } = {},
): Promise<WalCheckpointer> {
  const worker = new Worker(WORKER, {
    workerData: { databaseFile, intervalMs: options.intervalMs ?? 1000, busyTimeoutMs: 5000 },
  });
  // A server that forgets to stop it still exits.
  worker.unref();
  let stopped = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const restore = () => {
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
  };
  const flushes: Array<(result: { log: number; checkpointed: number }) => void> = [];
  const failed = (reason: string) => {
    restore();
    if (!stopped)
      options.logger?.warn(
        { reason },
        'The SQLite checkpoint thread stopped; commits copy the write-ahead log back themselves again.',
      );
  };
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (message: { type: string }) =>
      message.type === 'ready' ? resolve() : reject(new Error(`checkpoint thread: ${message.type}`)),
    );
  });
  sqlite.pragma('wal_autocheckpoint = 0');
  worker.on('message', (message: { type: string; log: number; checkpointed: number; message?: string }) => {
    if (message.type === 'flushed')
      flushes.shift()?.({ log: message.log, checkpointed: message.checkpointed });
    else if (message.type === 'failed') failed(message.message ?? 'unknown');
  });
  worker.on('error', (error) => failed(error.message));
  worker.on('exit', () => {
    if (!stopped) failed('the thread exited');
  });
  return {
    flush() {
      return new Promise((resolve) => {
        flushes.push(resolve);
        worker.postMessage('flush');
      });
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      restore();
      // Held until it has closed its connection: unreferenced, the caller's event loop could empty (a
      // script whose last step is closing the server) and this wait would never end.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
