import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import type { AuditActor } from '../../audit/index.ts';
import { DomainError } from '../../errors.ts';
import type { ClockedHandle } from '../../service-context.ts';
import type { ImportProgress } from './import-batches.ts';
import { ImportStoppedError } from './import-batches.ts';

/**
 * The import's own row is written (and committed) before its first batch, so a long import can be
 * followed while it runs, and a failed one says why and where it stopped.
 */
export async function startImportRecord(
  target: ClockedHandle,
  engagementId: number,
  type: string,
  filename: string,
  actor: AuditActor,
  options: { status?: 'running' | 'queued'; bytesTotal?: number | null } = {},
): Promise<number> {
  const { db, clock } = target;
  const row = await db
    .insertInto('credential_import')
    .values({
      engagement_id: engagementId,
      type,
      filename: filename.slice(0, 255),
      status: options.status ?? 'running',
      created_by: actor.userId || null,
      created_by_name: actor.username,
      created_at: clock.now(),
      finished_at: null,
      result: '{}',
      job_id: null,
      bytes_total: options.bytesTotal ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** A queued import starts (in the worker); a re-run after a lost worker starts over from line 1. */
export async function markImportRunning(db: Kysely<DB>, id: number): Promise<void> {
  await db
    .updateTable('credential_import')
    .set({ status: 'running', bytes_done: 0, lines_done: 0 })
    .where('id', '=', id)
    .execute();
}

/** Writes how far a running import got (called at most about once a second). */
export async function recordImportProgress(db: Kysely<DB>, id: number, p: ImportProgress): Promise<void> {
  await db
    .updateTable('credential_import')
    .set({ bytes_done: p.bytes, lines_done: p.lines })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

export async function finishImportRecord(
  target: ClockedHandle,
  id: number,
  result: object,
  progress?: ImportProgress,
): Promise<void> {
  const { db, clock } = target;
  await db
    .updateTable('credential_import')
    .set({
      status: 'done',
      finished_at: clock.now(),
      result: JSON.stringify(result),
      ...(progress ? { bytes_done: progress.bytes, lines_done: progress.lines } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Marks an import failed with a message for the user (never internals); a stopped import also keeps
 * the line it stopped at and what its committed batches added.
 */
export async function failImportRecord(target: ClockedHandle, id: number, error: unknown): Promise<void> {
  const { db, clock } = target;
  const message =
    error instanceof DomainError ? error.message : 'The import failed on the server; nothing was imported.';
  const stopped =
    error instanceof ImportStoppedError ? { stopped_at_line: error.line, committed: error.committed } : {};
  await db
    .updateTable('credential_import')
    .set({
      status: 'failed',
      finished_at: clock.now(),
      result: JSON.stringify({ error: message, ...stopped }),
    })
    .where('id', '=', id)
    .execute();
}
