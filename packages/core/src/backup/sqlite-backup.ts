import fs from 'node:fs';
import path from 'node:path';
import {
  createPrivateFile,
  makeFilesPrivate,
  makePrivateDir,
  openSqlite,
  vacuumInto,
} from '@steppingstones/db';
import type { AppConfig } from '../config/index.ts';
import { ValidationError } from '../errors.ts';
import { runningProcesses } from '../runtime/index.ts';

/**
 * Writes a consistent copy of the SQLite database to `out` while the app may be running: `VACUUM INTO`
 * reads inside one transaction, so concurrent writers neither block it nor tear the copy.
 */
export function backupSqlite(databaseFile: string, out: string): { bytes: number } {
  const target = path.resolve(out);
  if (fs.existsSync(target))
    throw ValidationError.field('OUT', `The file ${target} already exists; choose a new name.`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Owner-only from the start (VACUUM INTO fills an empty file): a backup is the whole instance.
  createPrivateFile(target);
  return vacuumInto(databaseFile, target);
}

/** Checks that a file is an intact Stepping Stones SQLite database before anything is replaced. */
export function verifySqliteBackup(file: string): { migrations: number; engagements: number } {
  if (!fs.existsSync(file)) throw ValidationError.field('IN', `The file ${file} does not exist.`);
  const header = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  fs.readSync(fd, header, 0, 16, 0);
  fs.closeSync(fd);
  if (header.toString('latin1') !== 'SQLite format 3\u0000')
    throw ValidationError.field('IN', `${file} is not a SQLite database.`);
  const sqlite = openSqlite(file, { readonly: true });
  try {
    const integrity = sqlite.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok')
      throw ValidationError.field('IN', `${file} is damaged (integrity check: ${String(integrity)}).`);
    const tables = new Set(
      (
        sqlite.prepare("select name from sqlite_master where type = 'table'").all() as Array<{ name: string }>
      ).map((r) => r.name),
    );
    if (!tables.has('kysely_migration') || !tables.has('engagement')) {
      throw ValidationError.field(
        'IN',
        `${file} is a SQLite database but not a Stepping Stones backup (its tables are missing).`,
      );
    }
    const migrations = (sqlite.prepare('select count(*) as n from kysely_migration').get() as { n: number })
      .n;
    const engagements = (sqlite.prepare('select count(*) as n from engagement').get() as { n: number }).n;
    return { migrations, engagements };
  } finally {
    sqlite.close();
  }
}

/**
 * Replaces the database with a verified backup. Refuses while a server or worker uses this data
 * directory, since they would keep writing to the replaced file.
 */
export function restoreSqlite(config: AppConfig, file: string): { engagements: number } {
  if (config.database.dialect !== 'sqlite') {
    throw ValidationError.field(
      'DATABASE_URL',
      'restore works on the SQLite database; on PostgreSQL use pg_restore or psql with your pg_dump file.',
    );
  }
  const running = runningProcesses(config.dataDir);
  if (running.length) {
    const list = running.map((p) => `${p.role} (pid ${p.pid})`).join(', ');
    throw ValidationError.field(
      'IN',
      `Stop the running ${list} before restoring; restore replaces the database file under them.`,
    );
  }
  const source = path.resolve(file);
  const { engagements } = verifySqliteBackup(source);
  const dbFile = config.database.location;
  makePrivateDir(path.dirname(dbFile));
  const staging = `${dbFile}.restoring`;
  fs.copyFileSync(source, staging);
  makeFilesPrivate(staging);
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${dbFile}${suffix}`, { force: true });
  fs.renameSync(staging, dbFile);
  return { engagements };
}
