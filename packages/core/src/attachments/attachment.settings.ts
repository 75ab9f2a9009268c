import type { AppConfig } from '../config/config.ts';
import { type S3AttachmentStore, s3StoreFor } from './attachment.s3-storage.ts';

/** What the attachment services need from the configuration. */
export interface AttachmentSettings {
  /** Uploads are spooled under DATA_DIR/uploads before they are stored. */
  dataDir: string;
  /** MAX_ATTACHMENT_MB in bytes. */
  maxBytes: number;
  /** ATTACHMENTS_S3_URL: new attachments go to this bucket instead of the database. */
  s3Url: string | undefined;
}

export function attachmentSettings(
  config: Pick<AppConfig, 'dataDir' | 'maxAttachmentBytes' | 'attachmentsS3Url'>,
): AttachmentSettings {
  return { dataDir: config.dataDir, maxBytes: config.maxAttachmentBytes, s3Url: config.attachmentsS3Url };
}

/**
 * The bucket an attachment stored there is read from or removed from. One stored while a bucket was
 * configured cannot be reached once it is unset: that is a configuration error the operator must fix.
 */
export function bucketOf(settings: Pick<AttachmentSettings, 's3Url'>): S3AttachmentStore {
  if (!settings.s3Url)
    throw new Error(
      'This attachment is stored in an S3 bucket, but ATTACHMENTS_S3_URL is not set; set it to the bucket it was stored in.',
    );
  return s3StoreFor(settings.s3Url);
}
