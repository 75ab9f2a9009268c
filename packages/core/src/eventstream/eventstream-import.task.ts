import fs from 'node:fs';
import path from 'node:path';
import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import type { AppContext } from '../app-context.ts';
import { systemClock } from '../clock.ts';
import { DomainError } from '../errors.ts';
import { PermanentTaskError, type TaskRunContext } from '../jobs/task-definition.ts';
import { type Principal, systemPrincipal } from '../permissions/index.ts';
import { uploadsDir } from '../runtime/spool-upload.ts';
import { loadOrCreateSecretKey, secretKeys } from '../secrets/secret-key.ts';
import { activeUserById, principalForUser } from '../users/principal.queries.ts';
import { type EventStreamImportPayload, eventstreamImportPayloadSchema } from './eventstream-import.queue.ts';
import { finishBackgroundImport, recordBackgroundProgress } from './eventstream-import.record.ts';
import { runEventStreamImport } from './eventstream-import.request.ts';

/** How often a running import writes its progress. */
const PROGRESS_EVERY_MS = 1000;

/** The importer as they are now: a user removed or deactivated since queueing imports nothing. */
async function importer(db: Kysely<DB>, actor: EventStreamImportPayload['actor']): Promise<Principal> {
  if (actor.userId === null) return systemPrincipal(actor.username);
  const user = await activeUserById(db, actor.userId);
  if (!user)
    throw new PermanentTaskError(`The user ${actor.username} who started the import is no longer active.`);
  return principalForUser(db, user, 'session');
}

/**
 * The `core:eventstream.import` task, run by the worker in a thread: imports a queued body (through a
 * source plugin first when one was named) batch by batch, writing its progress and then its result on
 * the import's record, and removes the body. Re-running it after a lost worker adds nothing twice.
 */
export async function runEventStreamImportTask(task: TaskRunContext): Promise<unknown> {
  const p = eventstreamImportPayloadSchema.parse(task.payload);
  const database = await task.database();
  const db = database.db;
  const file = path.join(uploadsDir(task.config.dataDir), p.upload);
  const record = await db
    .selectFrom('eventstream_import')
    .select('status')
    .where('id', '=', p.importId)
    .executeTakeFirst();
  if (!record || record.status === 'succeeded' || record.status === 'failed') {
    fs.rmSync(file, { force: true });
    return { skipped: 'The import has already ended (or its engagement was deleted).' };
  }
  try {
    if (!fs.existsSync(file)) throw new PermanentTaskError('The uploaded file is gone; upload it again.');
    const principal = await importer(db, p.actor);
    await db
      .updateTable('eventstream_import')
      .set({ status: 'running' })
      .where('id', '=', p.importId)
      .execute();
    const ctx: AppContext = {
      config: task.config,
      database,
      keys: secretKeys(loadOrCreateSecretKey(task.config.secretKeyFile)),
      logger: task.logger,
      clock: systemClock,
      close: async () => {},
    };
    let last = 0;
    const seen = { bytes: 0, lines: 0 };
    const result = await runEventStreamImport(
      ctx,
      principal,
      { ...p, body: fs.createReadStream(file), size: fs.statSync(file).size },
      {
        importedByName: p.actor.username,
        credentials: p.credentials,
        onProgress: (progress) => {
          seen.bytes = progress.bytes;
          seen.lines = progress.lines;
          const now = ctx.clock.now();
          if (now - last < PROGRESS_EVERY_MS) return;
          last = now;
          recordBackgroundProgress(db, p.importId, progress).catch(() => {});
        },
      },
    );
    await finishBackgroundImport(db, p.importId, { result, ...seen, now: ctx.clock.now() });
    return { added: result.added, duplicates: result.duplicates, rejected: result.rejected.length };
  } catch (error) {
    const message =
      error instanceof DomainError || error instanceof PermanentTaskError
        ? error.message
        : 'The import failed (see the worker log).';
    if (!(error instanceof DomainError || error instanceof PermanentTaskError))
      task.logger.warn({ err: error, importId: p.importId }, 'background EventStream import failed');
    await finishBackgroundImport(db, p.importId, { error: message, now: systemClock.now() });
    // The import recorded why; running the same file again would not help.
    throw new PermanentTaskError(message);
  } finally {
    fs.rmSync(file, { force: true });
  }
}
