import { Worker, type WorkerOptions } from 'node:worker_threads';

const BOOTSTRAP = new URL('./thread-bootstrap.mjs', import.meta.url);

/**
 * Starts a worker thread that runs the TypeScript module `entry` (a `file:` URL), through the one
 * bootstrap that registers tsx first. `workerData`, when given, is handed over with the entry's name.
 */
export function startTsThread(
  entry: URL,
  options: Omit<WorkerOptions, 'workerData'> & { workerData?: Record<string, unknown> } = {},
): Worker {
  return new Worker(BOOTSTRAP, { ...options, workerData: { ...options.workerData, entry: entry.href } });
}
