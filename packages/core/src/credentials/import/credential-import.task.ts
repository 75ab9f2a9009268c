import fs from 'node:fs';
import path from 'node:path';
import { DomainError } from '../../errors.ts';
import { PermanentTaskError, type TaskRunContext } from '../../jobs/task-definition.ts';
import { systemPrincipal } from '../../permissions/index.ts';
import { uploadsDir } from '../../runtime/spool-upload.ts';
import { importCracked } from './cracked-import.service.ts';
import { importDump } from './dump-import.service.ts';
import type { ImportProgress } from './import-batches.ts';
import { credentialImportPayloadSchema } from './import-queue.ts';
import { failImportRecord, recordImportProgress } from './import-record.ts';

/** How often a running import writes its progress. */
const PROGRESS_EVERY_MS = 1000;

/**
 * The `core:credentials.import` task, run by the worker in a thread: imports a queued upload batch by
 * batch, writing its progress, then its result on the import's record, and removes the upload. The
 * permission was checked when the import was queued; the rows are recorded as the user's.
 */
export async function runCredentialImportTask(ctx: TaskRunContext): Promise<unknown> {
  const p = credentialImportPayloadSchema.parse(ctx.payload);
  const principal = systemPrincipal(p.actor.username);
  const services = { ...(await ctx.services()), principal };
  const { db } = services;
  const record = await db
    .selectFrom('credential_import')
    .select('status')
    .where('id', '=', p.importId)
    .executeTakeFirst();
  const file = path.join(uploadsDir(ctx.config.dataDir), p.upload);
  if (!record || record.status === 'done' || record.status === 'failed') {
    fs.rmSync(file, { force: true });
    return { skipped: 'The import has already ended (or its engagement was deleted).' };
  }
  if (!fs.existsSync(file)) {
    const gone = new PermanentTaskError('The uploaded file is gone; upload it again.');
    await failImportRecord(services, p.importId, new DomainError(gone.message));
    throw gone;
  }
  let last = 0;
  const onProgress = (progress: ImportProgress) => {
    const now = services.clock.now();
    if (now - last < PROGRESS_EVERY_MS) return;
    last = now;
    recordImportProgress(db, p.importId, progress).catch(() => {});
  };
  const run = { actor: p.actor, maxBytes: ctx.config.maxImportBytes, importId: p.importId, onProgress };
  try {
    const { import_id: _, ...result } =
      p.kind === 'dump'
        ? await importDump(
            services,
            principal,
            {
              engagement: p.engagement,
              type: p.type ?? 'user-hash',
              system: p.system,
              hashType: p.hashType,
              filename: p.filename,
            },
            fs.createReadStream(file),
            run,
          )
        : await importCracked(services, principal, p.engagement, fs.createReadStream(file), {
            ...run,
            filename: p.filename ?? '',
          });
    const { rejected, ...counts } = result;
    return { ...counts, rejected: rejected.length };
  } catch (error) {
    // The import recorded why (and where it stopped); retrying the same file would not help.
    throw new PermanentTaskError(error instanceof DomainError ? error.message : 'The import failed.');
  } finally {
    fs.rmSync(file, { force: true });
  }
}
