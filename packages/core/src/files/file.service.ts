import type { DB } from '@steppingstones/db';
import { nowMs, type Tx } from '@steppingstones/db';
import type { fileInputSchema } from '@steppingstones/shared/events';
import type { ExpressionBuilder } from 'kysely';
import type { z } from 'zod';
import { ValidationError } from '../errors.ts';

export type FileInputParsed = z.output<typeof fileInputSchema>;

const NEED_FILE = 'Must select an existing file or define a new one.';

const nullSafe =
  (column: 'size' | 'md5', value: number | string | null) => (eb: ExpressionBuilder<DB, 'file'>) =>
    value === null ? eb(column, 'is', null) : eb(column, '=', value);

/** Merging into the same file: non-empty submitted values overwrite, empty ones keep what is stored. */
function nonEmptyDetails(f: FileInputParsed) {
  const out: Record<string, string | number> = {};
  if (f.filename) out.filename = f.filename;
  if (f.size !== undefined && f.size !== null) out.size = f.size;
  for (const key of ['md5', 'sha1', 'sha256', 'description'] as const) {
    const v = f[key];
    if (v) out[key] = v;
  }
  return out;
}

/** Creating or editing a file in place: the details are the file's, so an empty field clears it. */
function allDetails(f: FileInputParsed & { filename: string }) {
  return {
    filename: f.filename,
    size: f.size ?? null,
    md5: f.md5 ?? null,
    sha1: f.sha1 ?? null,
    sha256: f.sha256 ?? null,
    description: f.description || null,
  };
}

/**
 * Resolves one file entry to a file id within the engagement (the original's rule, §8):
 * - details matching *another* file of the engagement on (name, size, MD5) merge into it: that file is
 *   the same file, so non-empty values overwrite and empty ones keep what it holds;
 * - otherwise details with a `file_id` edit that file in place (shared by every event using it), as the
 *   form shows it: every field is replaced, so clearing one clears it;
 * - otherwise details create a new file; a bare `file_id` references an existing file.
 */
async function resolveFile(tx: Tx, engagementId: number, f: FileInputParsed, field: string): Promise<number> {
  const now = nowMs();
  const bump = (eb: ExpressionBuilder<DB, 'file'>) => eb('version', '+', 1);
  if (f.filename) {
    const details = { ...f, filename: f.filename };
    const same = await tx
      .selectFrom('file')
      .select('id')
      .where('engagement_id', '=', engagementId)
      .where('filename', '=', f.filename)
      .where(nullSafe('size', f.size ?? null))
      .where(nullSafe('md5', f.md5 ?? null))
      .$if(f.file_id !== undefined, (q) => q.where('id', '!=', f.file_id as number))
      .orderBy('id')
      .executeTakeFirst();
    if (same) {
      await tx
        .updateTable('file')
        .set((eb) => ({ ...nonEmptyDetails(f), updated_at: now, version: bump(eb) }))
        .where('id', '=', same.id)
        .execute();
      return Number(same.id);
    }
    if (f.file_id !== undefined) {
      const updated = await tx
        .updateTable('file')
        .set((eb) => ({ ...allDetails(details), updated_at: now, version: bump(eb) }))
        .where('id', '=', f.file_id)
        .where('engagement_id', '=', engagementId)
        .returning('id')
        .executeTakeFirst();
      if (!updated) throw ValidationError.field(`${field}.file_id`, 'No such file in this engagement.');
      return f.file_id;
    }
    const row = await tx
      .insertInto('file')
      .values({ engagement_id: engagementId, ...allDetails(details), created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }
  if (f.file_id === undefined) throw ValidationError.field(field, NEED_FILE);
  const existing = await tx
    .selectFrom('file')
    .select('id')
    .where('id', '=', f.file_id)
    .where('engagement_id', '=', engagementId)
    .executeTakeFirst();
  if (!existing) throw ValidationError.field(`${field}.file_id`, 'No such file in this engagement.');
  return f.file_id;
}

/** Replaces an event's file distributions (all or nothing: a bad entry fails the whole save). */
export async function setEventFiles(
  tx: Tx,
  engagementId: number,
  eventId: number,
  files: FileInputParsed[],
): Promise<void> {
  const rows = [];
  for (const [i, f] of files.entries()) {
    const fileId = await resolveFile(tx, engagementId, f, `files.${i}`);
    rows.push({
      event_id: eventId,
      file_id: fileId,
      location: f.location || null,
      removed: f.removed ? 1 : 0,
    });
  }
  await tx.deleteFrom('file_distribution').where('event_id', '=', eventId).execute();
  if (rows.length) await tx.insertInto('file_distribution').values(rows).execute();
}
