import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { DatabaseTarget } from '@steppingstones/db';
import { type AuditActor, recordAudit } from '../audit/index.ts';
import { assertNotThrottled, recordFailure } from '../auth/throttle.ts';
import { ValidationError } from '../errors.ts';
import type { Principal } from '../permissions/index.ts';
import type { ServiceContext } from '../service-context.ts';
import { verifyPassword } from '../users/password.ts';
import { assertMayDownloadBackup } from './backup.policy.ts';
import { backupSqliteOffThread } from './backup-off-thread.ts';

export interface BackupDownloadRequest {
  /** The password typed again: a stolen session alone must not walk off with the whole database. */
  password: string;
  /** The stored hash of the caller's password. */
  passwordHash: string;
  actor: AuditActor;
}

export interface BackupDownload {
  filename: string;
  contentType: 'application/vnd.sqlite3';
  bytes: number;
  /** The copy; its temporary folder is removed when the stream closes (read to the end or broken off). */
  stream: Readable;
}

export interface BackupDownloadOptions {
  /** Where the temporary copy is written (default: the OS temporary folder). */
  tmpRoot?: string;
  /** Makes the copy; tests replace it to see what happens when copying fails. */
  copy?: (databaseFile: string, out: string) => Promise<unknown>;
}

/**
 * The whole SQLite database as a download, for a caller who sees every engagement and re-entered their
 * password. PostgreSQL instances are told to use pg_dump. The copy lives in a temporary folder that is
 * removed however the download ends, and at once when the copy itself fails.
 */
export async function downloadBackup(
  ctx: ServiceContext,
  principal: Principal,
  database: DatabaseTarget,
  request: BackupDownloadRequest,
  options: BackupDownloadOptions = {},
): Promise<BackupDownload> {
  await assertMayDownloadBackup(ctx.db, principal);
  if (database.dialect !== 'sqlite')
    throw ValidationError.field(
      'database',
      'This instance runs on PostgreSQL: back it up with pg_dump (e.g. pg_dump --format=custom "$DATABASE_URL"), not from the browser.',
    );
  const keys = [{ kind: 'user' as const, value: principal.username }];
  await assertNotThrottled(ctx, keys);
  if (!(await verifyPassword(request.password, request.passwordHash))) {
    await recordFailure(ctx, keys);
    throw ValidationError.field('password', 'Your password was entered incorrectly.');
  }

  const dir = fs.mkdtempSync(path.join(options.tmpRoot ?? os.tmpdir(), 'ss-backup-'));
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });
  const file = path.join(dir, 'steppingstones.db');
  let bytes: number;
  try {
    await (options.copy ?? backupSqliteOffThread)(database.location, file);
    bytes = fs.statSync(file).size;
    await recordAudit(ctx, request.actor, { action: 'backup.downloaded', details: { bytes } });
  } catch (error) {
    removeDir();
    throw error;
  }
  const stream = fs.createReadStream(file);
  stream.on('close', removeDir);
  const stamp = new Date(ctx.clock.now()).toISOString().replace(/[:.]/g, '-');
  return {
    filename: `steppingstones-${stamp}-${crypto.randomBytes(2).toString('hex')}.db`,
    contentType: 'application/vnd.sqlite3',
    bytes,
    stream,
  };
}
