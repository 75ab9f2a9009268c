import { randomUUID } from 'node:crypto';
import { type DB, lockRows, type Tx, writeTransaction } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import { assertWritable } from '../engagements/index.ts';
import { NotFoundError } from '../errors.ts';
import { reindexEvents } from '../events/event.search-doc.ts';
import { recordEventRevision } from '../history/revision.service.ts';
import { appendDomainEvent } from '../outbox/index.ts';
import { type Principal, requireEngagementAccess } from '../permissions/index.ts';
import { inTransaction, type ServiceContext } from '../service-context.ts';
import { writeChunks } from './attachment.db-storage.ts';
import { checkAttachmentFilename } from './attachment.filename.ts';
import { requireAttachmentWrite, requireMayShare } from './attachment.policy.ts';
import { type AttachmentDto, findVisibleAttachment, toAttachmentDto } from './attachment.queries.ts';
import { receiveUpload } from './attachment.receive.ts';
import { type AttachmentSettings, bucketOf } from './attachment.settings.ts';
import { sniffContentType } from './attachment.sniff.ts';

export interface NewAttachment {
  eventId: number;
  filename: string | undefined;
  /** The raw request body. */
  body: AsyncIterable<Uint8Array | string>;
  /** The Content-Length the client declared, checked before anything is read. */
  declaredLength?: number;
}

/**
 * The live event (locked on PostgreSQL when `tx` is a transaction), in an engagement that is not
 * archived, with the red team's write access; its engagement id.
 */
async function lockEventForAttachments(
  tx: Kysely<DB>,
  principal: Principal,
  eventId: number,
): Promise<number> {
  const row = await tx
    .selectFrom('event')
    .innerJoin('engagement', 'engagement.id', 'event.engagement_id')
    .select(['event.engagement_id', 'engagement.code', 'engagement.archived'])
    .where('event.id', '=', eventId)
    .where('event.deleted_at', 'is', null)
    .$call(tx.isTransaction ? lockRows(tx, 'event') : (q) => q)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('The event');
  const engagementId = Number(row.engagement_id);
  requireAttachmentWrite(principal, engagementId);
  assertWritable({ archived: row.archived, code: row.code });
  return engagementId;
}

/** The revision and the live message every attachment change writes, in its transaction. */
async function recordChange(
  ctx: ServiceContext,
  principal: Principal,
  tx: Tx,
  engagementId: number,
  eventId: number,
) {
  const actorUserId = principal.userId || null;
  await recordEventRevision(inTransaction(ctx, tx), { eventId, action: 'update', actorUserId });
  // Search reads attachment names and texts (shared ones only for the blue team): rebuild its document.
  await reindexEvents(tx, [eventId]);
  // Only the event's id: the attachment's may be one the blue team must not learn of.
  await appendDomainEvent(inTransaction(ctx, tx), {
    type: 'event.attachments_changed',
    engagementId,
    actorUserId,
    payload: { eventId },
  });
}

/**
 * Adds a file to an event. Access is checked before the body is read; the body is spooled (hashed,
 * measured, capped), its type sniffed and checked, then stored in one transaction with its history
 * revision: in the database a chunk at a time, or (ATTACHMENTS_S3_URL) in the bucket first, the object
 * removed again if the transaction fails. Nothing is half-stored.
 */
export async function addAttachment(
  ctx: ServiceContext,
  principal: Principal,
  settings: AttachmentSettings,
  input: NewAttachment,
): Promise<AttachmentDto> {
  // Checked before a byte is read: the blue team and non-members are refused at once.
  await lockEventForAttachments(ctx.db, principal, input.eventId);
  const filename = checkAttachmentFilename(input.filename);
  const upload = await receiveUpload(settings.dataDir, input.body, {
    maxBytes: settings.maxBytes,
    ...(input.declaredLength !== undefined ? { declaredLength: input.declaredLength } : {}),
  });
  let objectKey: string | null = null;
  try {
    const contentType = await sniffContentType(filename, upload);
    if (settings.s3Url) {
      const bucket = bucketOf(settings);
      objectKey = bucket.keyFor(`attachments/${randomUUID()}`);
      await bucket.put(objectKey, upload.file, contentType);
    }
    const id = await writeTransaction(ctx.db, async (tx) => {
      const engagementId = await lockEventForAttachments(tx, principal, input.eventId);
      const row = await tx
        .insertInto('attachment')
        .values({
          engagement_id: engagementId,
          event_id: input.eventId,
          filename,
          size: upload.size,
          sha256: upload.sha256,
          content_type: contentType,
          shared: 0,
          storage: objectKey ? 's3' : 'db',
          storage_key: objectKey,
          created_by: principal.userId || null,
          created_at: ctx.clock.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const attachmentId = Number(row.id);
      if (!objectKey) await writeChunks(tx, attachmentId, upload.file);
      await recordChange(ctx, principal, tx, engagementId, input.eventId);
      return attachmentId;
    });
    objectKey = null;
    return toAttachmentDto(await findVisibleAttachment(ctx.db, principal, id), principal);
  } finally {
    upload.remove();
    if (objectKey)
      await bucketOf(settings)
        .remove([objectKey])
        .catch(() => undefined);
  }
}

/** Shares an attachment with the blue team, or takes it back: the uploader or a lead. */
export async function setAttachmentShared(
  ctx: ServiceContext,
  principal: Principal,
  id: number,
  shared: boolean,
): Promise<AttachmentDto> {
  const found = await findVisibleAttachment(ctx.db, principal, id);
  requireMayShare(principal, found.engagement_id, found.created_by);
  await writeTransaction(ctx.db, async (tx) => {
    const engagementId = await lockEventForAttachments(tx, principal, found.event_id);
    if (found.shared === shared) return;
    await tx
      .updateTable('attachment')
      .set({ shared: shared ? 1 : 0 })
      .where('id', '=', id)
      .execute();
    await recordChange(ctx, principal, tx, engagementId, found.event_id);
  });
  return toAttachmentDto(await findVisibleAttachment(ctx.db, principal, id), principal);
}

/** Removes an attachment (the red team): its row and chunks in one transaction, its object after. */
export async function removeAttachment(
  ctx: ServiceContext,
  principal: Principal,
  settings: AttachmentSettings,
  id: number,
): Promise<void> {
  const found = await findVisibleAttachment(ctx.db, principal, id);
  requireEngagementAccess(principal, found.engagement_id, 'The attachment');
  await writeTransaction(ctx.db, async (tx) => {
    const engagementId = await lockEventForAttachments(tx, principal, found.event_id);
    const gone = await tx.deleteFrom('attachment').where('id', '=', id).executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) throw new NotFoundError('The attachment');
    await recordChange(ctx, principal, tx, engagementId, found.event_id);
  });
  if (found.storage === 's3' && found.storage_key) await bucketOf(settings).remove([found.storage_key]);
}
