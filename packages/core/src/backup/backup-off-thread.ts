import fs from 'node:fs';
import path from 'node:path';
import { createPrivateFile, vacuumIntoOffThread } from '@steppingstones/db';
import { ValidationError } from '../errors.ts';

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
  // Owner-only from the start (VACUUM INTO fills an empty file): a backup is the whole instance.
  createPrivateFile(target);
  return vacuumIntoOffThread(databaseFile, target, timeoutMs);
}
