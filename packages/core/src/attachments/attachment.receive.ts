import crypto from 'node:crypto';
import { spoolUpload } from '../runtime/spool-upload.ts';
import { AttachmentRefused, tooLarge } from './attachment.errors.ts';

/** What sniffing and storing need of an upload, gathered in one pass while it is written to disk. */
export interface ReceivedUpload {
  /** The spooled file (owner-only, under DATA_DIR/uploads); removed by `remove()`. */
  file: string;
  size: number;
  sha256: string;
  /** The first bytes (signatures, image headers, the asciinema header line). */
  head: Buffer;
  /** The last bytes (the end markers a truncated image lacks). */
  tail: Buffer;
  remove(): void;
}

const HEAD_BYTES = 512 * 1024;
const TAIL_BYTES = 64;

/**
 * Spools an attachment body to disk, hashing and measuring it on the way: memory stays flat whatever the
 * size, the cap (MAX_ATTACHMENT_MB) is enforced while counting, and a slow client never holds a database
 * transaction open. The declared Content-Length is checked first, so an oversized upload is refused
 * before a byte of it is read. An empty body is refused.
 */
export async function receiveUpload(
  dataDir: string,
  body: AsyncIterable<Uint8Array | string>,
  options: { maxBytes: number; declaredLength?: number },
): Promise<ReceivedUpload> {
  if (options.declaredLength !== undefined && options.declaredLength > options.maxBytes)
    throw tooLarge(options.maxBytes);
  const hash = crypto.createHash('sha256');
  const headParts: Buffer[] = [];
  let headLength = 0;
  let tail = Buffer.alloc(0);
  const observe = async function* (source: AsyncIterable<Uint8Array | string>) {
    for await (const piece of source) {
      const chunk =
        typeof piece === 'string'
          ? Buffer.from(piece)
          : Buffer.from(piece.buffer, piece.byteOffset, piece.length);
      hash.update(chunk);
      if (headLength < HEAD_BYTES) {
        const part = chunk.subarray(0, HEAD_BYTES - headLength);
        headParts.push(Buffer.from(part));
        headLength += part.length;
      }
      tail =
        chunk.length >= TAIL_BYTES
          ? Buffer.from(chunk.subarray(chunk.length - TAIL_BYTES))
          : Buffer.concat([tail, chunk]).subarray(-TAIL_BYTES);
      yield chunk;
    }
  };
  const spooled = await spoolUpload(dataDir, observe(body), {
    maxBytes: options.maxBytes,
    tooLarge: tooLarge,
  });
  if (spooled.size === 0) {
    spooled.remove();
    throw new AttachmentRefused(422, 'body', 'is empty: send the file itself as the request body');
  }
  return {
    file: spooled.file,
    size: spooled.size,
    sha256: hash.digest('hex'),
    head: Buffer.concat(headParts),
    tail,
    remove: spooled.remove,
  };
}
