// Copies the SQLite write-ahead log back into the database file on a connection of its own, in a worker
// thread: a large commit (a 100 MB attachment) then no longer pays for the copy and its fsync on the
// server's event loop. PASSIVE never waits for readers or writers, so it blocks no one.
// Plain JavaScript: a worker thread does not go through the TS loader.
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

const { databaseFile, intervalMs, busyTimeoutMs } = workerData;
const sqlite = new SQLite(databaseFile, { fileMustExist: true, timeout: busyTimeoutMs });
const checkpoint = sqlite.prepare('PRAGMA wal_checkpoint(PASSIVE)');
let timer;

/** One pass: frames in the log and frames copied (equal once the file has caught up). */
function run() {
  const row = checkpoint.get();
  return { log: row.log, checkpointed: row.checkpointed };
}

function tick() {
  try {
    run();
  } catch (error) {
    // A failed pass (the disk full, the file gone) is the owner's to report; it restores autocheckpoint.
    parentPort.postMessage({ type: 'failed', message: String(error?.message ?? error) });
    return;
  }
  timer = setTimeout(tick, intervalMs);
}

parentPort.on('message', (message) => {
  if (message === 'flush') {
    try {
      parentPort.postMessage({ type: 'flushed', ...run() });
    } catch (error) {
      parentPort.postMessage({ type: 'failed', message: String(error?.message ?? error) });
    }
  } else if (message === 'stop') {
    clearTimeout(timer);
    sqlite.close();
    parentPort.close();
  }
});
parentPort.postMessage({ type: 'ready' });
timer = setTimeout(tick, intervalMs);
