// Runs `VACUUM INTO` on a read-only connection of its own, in a worker thread, so a large backup never
// blocks the server's event loop. Plain JavaScript: a worker thread does not go through the TS loader.
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

const { databaseFile, out, busyTimeoutMs } = workerData;
const sqlite = new SQLite(databaseFile, { readonly: true, timeout: busyTimeoutMs });
try {
  sqlite.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  sqlite.prepare('VACUUM INTO ?').run(out);
} finally {
  sqlite.close();
}
parentPort?.postMessage('done');
