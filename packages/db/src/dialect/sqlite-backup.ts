import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { openSqlite } from '../create-db.ts';

const WORKER = new URL('./vacuum-into.worker.mjs', import.meta.url);

/**
 * Writes a consistent copy of a SQLite database file to `out` (which must not exist) while other
 * processes may be writing: `VACUUM INTO` reads inside one transaction, so writers neither block it
 * nor tear the copy. Returns the copy's size.
 */
export function vacuumInto(databaseFile: string, out: string): { bytes: number } {
  const sqlite = openSqlite(databaseFile, { readonly: true });
  try {
    sqlite.prepare('VACUUM INTO ?').run(out);
  } finally {
    sqlite.close();
  }
  return { bytes: fs.statSync(out).size };
}

/**
 * `vacuumInto` in a worker thread with its own read-only connection, so a large copy never blocks the
 * caller's event loop. Fails after `timeoutMs` (everything that waits has a deadline), removing the
 * partial file.
 */
export async function vacuumIntoOffThread(
  databaseFile: string,
  out: string,
  timeoutMs: number,
): Promise<{ bytes: number }> {
  const worker = new Worker(WORKER, { workerData: { databaseFile, out, busyTimeoutMs: 5000 } });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`The backup did not finish within ${timeoutMs / 1000} s.`)),
        timeoutMs,
      );
      worker.once('message', () => {
        clearTimeout(timer);
        resolve();
      });
      worker.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      worker.once('exit', (code) => {
        clearTimeout(timer);
        if (code !== 0) reject(new Error(`The backup worker exited with code ${code}.`));
      });
    });
  } catch (error) {
    fs.rmSync(out, { force: true });
    throw error;
  } finally {
    await worker.terminate();
  }
  return { bytes: fs.statSync(out).size };
}
