import type { DB, Tx } from '@steppingstones/db';
import type { fileInputSchema } from '@steppingstones/shared/events';
import type { ExpressionBuilder } from 'kysely';
import type { z } from 'zod';
import { ValidationError } from '../errors.ts';
import { recordEventRevision } from '../history/revision.service.ts';
import { appendDomainEvent } from '../outbox/index.ts';
import { type ServiceContext, transactionOf } from '../service-context.ts';

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
    // Only spaces count as empty: they would wipe a teammate's description.
    if (v?.trim()) out[key] = v;
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

/** The fields of the shared file record that every event using it shows. */
const SHARED_FIELDS = ['filename', 'size', 'md5', 'sha1', 'sha256', 'description'] as const;

/**
 * Updates a file of the engagement in place; when a field really changed, its id goes into `changed`
 * (every other event using it then reads differently and gets a revision). False: no such file.
 */
async function updateSharedFile(
  tx: Tx,
  engagementId: number,
  id: number,
  details: Record<string, string | number | null>,
  changed: Set<number>,
  now: number,
): Promise<boolean> {
  const before = await tx
    .selectFrom('file')
    .select(SHARED_FIELDS)
    .where('id', '=', id)
    .where('engagement_id', '=', engagementId)
    .executeTakeFirst();
  if (!before) return false;
  const after = await tx
    .updateTable('file')
    .set((eb) => ({ ...details, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .returning(SHARED_FIELDS)
    .executeTakeFirstOrThrow();
  // PostgreSQL returns bigint sizes as text: compare as text, keeping null apart from "null".
  const text = (v: unknown) => (v === null ? null : String(v));
  if (SHARED_FIELDS.some((k) => text(before[k]) !== text(after[k]))) changed.add(id);
  return true;
}

/**
 * Resolves one file entry to a file id within the engagement (the original's rule, §8):
 * - details matching *another* file of the engagement on (name, size, MD5) merge into it: that file is
 *   the same file, so non-empty values overwrite and empty ones keep what it holds;
 * - otherwise details with a `file_id` edit that file in place (shared by every event using it), as the
 *   form shows it: every field is replaced, so clearing one clears it;
 * - otherwise details create a new file; a bare `file_id` references an existing file.
 */
async function resolveFile(
  tx: Tx,
  engagementId: number,
  f: FileInputParsed,
  field: string,
  changed: Set<number>,
  now: number,
): Promise<number> {
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
      await updateSharedFile(tx, engagementId, Number(same.id), nonEmptyDetails(f), changed, now);
      return Number(same.id);
    }
    if (f.file_id !== undefined) {
      const updated = await updateSharedFile(tx, engagementId, f.file_id, allDetails(details), changed, now);
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

/**
 * Replaces an event's file distributions (all or nothing: a bad entry fails the whole save). A shared
 * file whose details changed is recorded like a shared context edit: a revision for every other event
 * using it (the caller records this event's own), so history shows the change and `history verify`
 * still finds every event equal to its latest revision.
 */
export async function setEventFiles(
  ctx: ServiceContext,
  engagementId: number,
  eventId: number,
  files: FileInputParsed[],
  actorUserId: number | null,
): Promise<void> {
  const { clock } = ctx;
  const tx = transactionOf(ctx);
  const now = clock.now();
  const rows = [];
  const changed = new Set<number>();
  for (const [i, f] of files.entries()) {
    const fileId = await resolveFile(tx, engagementId, f, `files.${i}`, changed, now);
    rows.push({
      event_id: eventId,
      file_id: fileId,
      location: f.location || null,
      removed: f.removed ? 1 : 0,
    });
  }
  await tx.deleteFrom('file_distribution').where('event_id', '=', eventId).execute();
  if (rows.length) await tx.insertInto('file_distribution').values(rows).execute();
  if (changed.size) await recordSharedFileChanges(ctx, engagementId, eventId, [...changed], actorUserId);
}

async function recordSharedFileChanges(
  ctx: ServiceContext,
  engagementId: number,
  editedEventId: number,
  fileIds: number[],
  actorUserId: number | null,
): Promise<void> {
  const tx = transactionOf(ctx);
  const others = await tx
    .selectFrom('file_distribution')
    .select('event_id')
    .distinct()
    .where('file_id', 'in', fileIds)
    .where('event_id', '!=', editedEventId)
    .orderBy('event_id')
    .execute();
  for (const e of others)
    await recordEventRevision(ctx, { eventId: Number(e.event_id), action: 'update', actorUserId });
  for (const fileId of fileIds)
    await appendDomainEvent(ctx, { type: 'file.updated', engagementId, actorUserId, payload: { fileId } });
}
