export { sweepAbandonedUploads } from './attachment.db-storage.ts';
export { type AttachmentDownload, openAttachment } from './attachment.download.ts';
export { AttachmentRefused } from './attachment.errors.ts';
export { checkAttachmentFilename } from './attachment.filename.ts';
export { PENDING_MAX_AGE_MS, PENDING_STORAGE } from './attachment.pending.ts';
export { canSeeUnsharedAttachments } from './attachment.policy.ts';
export { purgeWithAttachmentObjects } from './attachment.purge.ts';
export {
  type AttachmentDto,
  type AttachmentRecord,
  findVisibleAttachment,
  listEventAttachments,
  objectKeysOfEngagement,
  toAttachmentDto,
} from './attachment.queries.ts';
export { parseS3Url, S3AttachmentStore, s3StoreFor } from './attachment.s3-storage.ts';
export { addAttachment, removeAttachment, setAttachmentShared } from './attachment.service.ts';
export { type AttachmentSettings, attachmentSettings, bucketOf } from './attachment.settings.ts';
export { ASCIICAST, INLINE_IMAGE_TYPES, sniffContentType } from './attachment.sniff.ts';
