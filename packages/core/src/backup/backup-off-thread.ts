import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ValidationError } from '../errors.ts';

const WORKER = new URL('./vacuum-into.worker.mjs', import.meta.url);

/**
 * `backupSqlite` in a worker thread with its own read-only connection: the server keeps answering
 * while a large database is copied. Fails after `timeoutMs` (house rule 4), removing the partial file.
 */
export async function backupSqliteOffThread(
  databaseFile: string,
  out: string,
  timeoutMs = 10 * 60_000,
): Promise<{ bytes: number }> {
  const target = path.resolve(out);
  if (fs.existsSync(target))
    throw ValidationError.field('OUT', `The file ${target} already exists; choose a new name.`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const worker = new Worker(WORKER, { workerData: { databaseFile, out: target, busyTimeoutMs: 5000 } });
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
    fs.rmSync(target, { force: true });
    throw error;
  } finally {
    await worker.terminate();
  }
  return { bytes: fs.statSync(target).size };
}
