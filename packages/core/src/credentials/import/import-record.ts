import { type DB, nowMs, type Tx } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import type { AuditActor } from '../../audit/index.ts';
import { DomainError } from '../../errors.ts';

/**
 * The import's own row is written (and committed) before its transaction starts, so a long import can
 * be followed while it runs, and a failed one says why instead of vanishing with its rollback.
 */
export async function startImportRecord(
  db: Kysely<DB>,
  engagementId: number,
  type: string,
  filename: string,
  actor: AuditActor,
): Promise<number> {
  const row = await db
    .insertInto('credential_import')
    .values({
      engagement_id: engagementId,
      type,
      filename: filename.slice(0, 255),
      status: 'running',
      created_by: actor.userId || null,
      created_by_name: actor.username,
      created_at: nowMs(),
      finished_at: null,
      result: '{}',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function finishImportRecord(tx: Tx, id: number, result: object): Promise<void> {
  await tx
    .updateTable('credential_import')
    .set({ status: 'done', finished_at: nowMs(), result: JSON.stringify(result) })
    .where('id', '=', id)
    .execute();
}

/** Marks an import failed with a message for the user (never internals). */
export async function failImportRecord(db: Kysely<DB>, id: number, error: unknown): Promise<void> {
  const message =
    error instanceof DomainError ? error.message : 'The import failed on the server; nothing was imported.';
  await db
    .updateTable('credential_import')
    .set({ status: 'failed', finished_at: nowMs(), result: JSON.stringify({ error: message }) })
    .where('id', '=', id)
    .execute();
}
