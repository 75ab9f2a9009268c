import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import { readChunks } from './attachment.db-storage.ts';
import { s3StoreFor } from './attachment.s3-storage.ts';
import { INLINE_IMAGE_TYPES } from './attachment.sniff.ts';

/** The largest image a report or a PDF embeds: a page of screenshots must stay a page, not a gigabyte. */
export const MAX_EMBEDDED_IMAGE_BYTES = 10 * 1024 * 1024;

/** What reading an attachment's bytes needs to know of it. */
export interface StoredImage {
  id: number;
  size: number;
  content_type: string;
  storage: string;
  storage_key: string | null;
}

/**
 * The bytes of an image attachment (PNG, JPEG, GIF, WebP) for embedding, or null: another type, larger
 * than `maxBytes`, or in a bucket this process is not configured for (`s3Url`). Visibility is the
 * caller's to check first. The whole image is held: embedding needs it whole, hence the cap.
 */
export async function readEmbeddableImage(
  db: Kysely<DB>,
  s3Url: string | undefined,
  image: StoredImage,
  maxBytes = MAX_EMBEDDED_IMAGE_BYTES,
): Promise<Buffer | null> {
  if (
    !INLINE_IMAGE_TYPES.has(image.content_type) ||
    image.size > Math.min(maxBytes, MAX_EMBEDDED_IMAGE_BYTES)
  )
    return null;
  const parts: Buffer[] = [];
  if (image.storage === 's3') {
    if (!s3Url || !image.storage_key) return null;
    for await (const chunk of await s3StoreFor(s3Url).get(image.storage_key))
      parts.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  } else {
    for await (const chunk of readChunks(db, image.id, image.size)) parts.push(chunk);
  }
  return Buffer.concat(parts);
}
