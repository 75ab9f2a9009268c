import { Readable } from 'node:stream';
import { canSeeCredentials } from '../events/event.redaction.ts';
import { type Principal, principalInEngagement } from '../permissions/index.ts';
import { redactEvidence } from '../redaction/index.ts';
import type { ServiceContext } from '../service-context.ts';
import { type ByteRange, readChunks } from './attachment.db-storage.ts';
import { type AttachmentRecord, findVisibleAttachment } from './attachment.queries.ts';
import { redactTextStream } from './attachment.redaction.ts';
import { type AttachmentSettings, bucketOf } from './attachment.settings.ts';
import { ASCIICAST } from './attachment.sniff.ts';

export interface AttachmentDownload {
  record: AttachmentRecord;
  /** The bytes; masked text when `redacted`. */
  stream: Readable;
  /** True when the evidence redaction was applied (the length is then not known in advance). */
  redacted: boolean;
  /** The byte range served, when one was asked for and the bytes are served as stored. */
  range?: ByteRange;
}

/** Text attachments (.txt, .log, .cast) pass through the evidence redaction for readers who need it. */
const TEXT_TYPES = new Set(['text/plain', ASCIICAST]);

/**
 * Opens an attachment this principal may read (404 otherwise, see `findVisibleAttachment`) as a stream
 * from the database (a chunk at a time) or the bucket.
 */
export async function openAttachment(
  ctx: ServiceContext,
  settings: AttachmentSettings,
  principal: Principal,
  id: number,
  /** A byte range (HTTP Range), honoured unless the text is masked (its length then changes). */
  wantRange?: (stored: { size: number; sha256: string }) => ByteRange | undefined,
): Promise<AttachmentDownload> {
  const record = await findVisibleAttachment(ctx.db, principal, id);
  const redacted =
    TEXT_TYPES.has(record.content_type) &&
    !canSeeCredentials(principalInEngagement(principal, record.engagement_id));
  const range = redacted ? undefined : wantRange?.(record);
  const raw =
    record.storage === 's3' && record.storage_key
      ? await bucketOf(settings).get(record.storage_key, range)
      : Readable.from(readChunks(ctx.db, record.id, record.size, range));
  return {
    record,
    stream: redacted ? redactTextStream(raw, redactEvidence) : raw,
    redacted,
    ...(range ? { range } : {}),
  };
}
