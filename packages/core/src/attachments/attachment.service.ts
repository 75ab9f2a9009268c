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
import { discardPendingUpload, streamIntoChunks } from './attachment.db-storage.ts';
import { checkAttachmentFilename } from './attachment.filename.ts';
import { PENDING_STORAGE } from './attachment.pending.ts';
import { requireAttachmentWrite, requireMayShare } from './attachment.policy.ts';
import { type AttachmentDto, findVisibleAttachment, toAttachmentDto } from './attachment.queries.ts';
import { checkDeclaredLength, receiveUpload, uploadObserver } from './attachment.receive.ts';
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
 * Adds a file to an event. Access is checked before the body is read; the body is hashed, measured
 * (capped) and its type sniffed from its first bytes. In the database it streams into chunk rows under a
 * pending row no reader sees, which becomes the attachment, with its history revision, in one last short
 * transaction; with ATTACHMENTS_S3_URL it is spooled and put in the bucket first, the object removed
 * again if the transaction fails. A refused, aborted or failed upload leaves nothing: nothing is
 * half-stored.
 */
export async function addAttachment(
  ctx: ServiceContext,
  principal: Principal,
  settings: AttachmentSettings,
  input: NewAttachment,
): Promise<AttachmentDto> {
  // Checked before a byte is read: the blue team and non-members are refused at once.
  const engagementId = await lockEventForAttachments(ctx.db, principal, input.eventId);
  const filename = checkAttachmentFilename(input.filename);
  checkDeclaredLength(settings.maxBytes, input.declaredLength);
  const id = settings.s3Url
    ? await addToBucket(ctx, principal, settings, input, filename)
    : await addToDatabase(ctx, principal, settings, input, filename, engagementId);
  return toAttachmentDto(await findVisibleAttachment(ctx.db, principal, id), principal);
}

/** The attachment row's values besides what the bytes tell (size, hash, type) and where they are. */
function rowFor(
  ctx: ServiceContext,
  principal: Principal,
  engagementId: number,
  eventId: number,
  filename: string,
) {
  return {
    engagement_id: engagementId,
    event_id: eventId,
    filename,
    shared: 0,
    created_by: principal.userId || null,
    created_at: ctx.clock.now(),
  };
}

async function addToDatabase(
  ctx: ServiceContext,
  principal: Principal,
  settings: AttachmentSettings,
  input: NewAttachment,
  filename: string,
  engagementId: number,
): Promise<number> {
  const pending = await ctx.db
    .insertInto('attachment')
    .values({
      ...rowFor(ctx, principal, engagementId, input.eventId, filename),
      size: 0,
      sha256: '',
      content_type: '',
      storage: PENDING_STORAGE,
      storage_key: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const attachmentId = Number(pending.id);
  try {
    const observer = uploadObserver(settings.maxBytes);
    await streamIntoChunks(ctx.db, attachmentId, observer.pass(input.body));
    const upload = observer.facts();
    const contentType = await sniffContentType(filename, upload);
    await writeTransaction(ctx.db, async (tx) => {
      const lockedEngagementId = await lockEventForAttachments(tx, principal, input.eventId);
      const done = await tx
        .updateTable('attachment')
        .set({
          size: upload.size,
          sha256: upload.sha256,
          content_type: contentType,
          storage: 'db',
          created_at: ctx.clock.now(),
        })
        .where('id', '=', attachmentId)
        .where('storage', '=', PENDING_STORAGE)
        .executeTakeFirst();
      // The event (and so the pending row) purged while the bytes arrived.
      if (Number(done.numUpdatedRows) === 0) throw new NotFoundError('The event');
      await recordChange(ctx, principal, tx, lockedEngagementId, input.eventId);
    });
    return attachmentId;
  } catch (error) {
    await discardPendingUpload(ctx.db, attachmentId);
    throw error;
  }
}

async function addToBucket(
  ctx: ServiceContext,
  principal: Principal,
  settings: AttachmentSettings,
  input: NewAttachment,
  filename: string,
): Promise<number> {
  const upload = await receiveUpload(settings.dataDir, input.body, { maxBytes: settings.maxBytes });
  let objectKey: string | null = null;
  try {
    const contentType = await sniffContentType(filename, upload);
    const bucket = bucketOf(settings);
    objectKey = bucket.keyFor(`attachments/${randomUUID()}`);
    await bucket.put(objectKey, upload.file, contentType);
    const key = objectKey;
    const id = await writeTransaction(ctx.db, async (tx) => {
      const engagementId = await lockEventForAttachments(tx, principal, input.eventId);
      const row = await tx
        .insertInto('attachment')
        .values({
          ...rowFor(ctx, principal, engagementId, input.eventId, filename),
          size: upload.size,
          sha256: upload.sha256,
          content_type: contentType,
          storage: 's3',
          storage_key: key,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordChange(ctx, principal, tx, engagementId, input.eventId);
      return Number(row.id);
    });
    objectKey = null;
    return id;
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
