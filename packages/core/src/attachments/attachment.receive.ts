import crypto from 'node:crypto';
import { spoolUpload } from '../runtime/spool-upload.ts';
import { AttachmentRefused, tooLarge } from './attachment.errors.ts';

/** What sniffing and storing need of an upload, gathered in one pass as its bytes go by. */
export interface UploadFacts {
  size: number;
  sha256: string;
  /** The first bytes (signatures, image headers, the asciinema header line). */
  head: Buffer;
  /** The last bytes (the end markers a truncated image lacks). */
  tail: Buffer;
}

/** An upload spooled to disk (bucket storage): the facts and the file. */
export interface ReceivedUpload extends UploadFacts {
  /** The spooled file (owner-only, under DATA_DIR/uploads); removed by `remove()`. */
  file: string;
  remove(): void;
}

const HEAD_BYTES = 512 * 1024;
const TAIL_BYTES = 64;

/** Refuses an upload whose declared Content-Length is over the cap, before a byte of it is read. */
export function checkDeclaredLength(maxBytes: number, declaredLength: number | undefined): void {
  if (declaredLength !== undefined && declaredLength > maxBytes) throw tooLarge(maxBytes);
}

/**
 * Watches a body go by: hashes it, counts it (refusing it with 413 once it passes `maxBytes`), keeps its
 * head and tail. `facts()` once it has been read to the end; an empty body is refused there.
 */
export function uploadObserver(maxBytes: number) {
  const hash = crypto.createHash('sha256');
  const headParts: Buffer[] = [];
  let headLength = 0;
  let size = 0;
  let tail = Buffer.alloc(0);
  return {
    async *pass(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<Buffer> {
      for await (const piece of source) {
        const chunk =
          typeof piece === 'string'
            ? Buffer.from(piece)
            : Buffer.from(piece.buffer, piece.byteOffset, piece.length);
        size += chunk.length;
        if (size > maxBytes) throw tooLarge(maxBytes);
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
    },
    facts(): UploadFacts {
      if (size === 0)
        throw new AttachmentRefused(422, 'body', 'is empty: send the file itself as the request body');
      return { size, sha256: hash.digest('hex'), head: Buffer.concat(headParts), tail };
    },
  };
}

/**
 * Cuts a stream into buffers of exactly `bytes` (the last one shorter): the socket hands over 64 KiB at
 * a time, chunk rows and file writes want a MiB.
 */
export async function* exactChunks(source: AsyncIterable<Buffer>, bytes: number): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let length = 0;
  for await (const piece of source) {
    parts.push(piece);
    length += piece.length;
    if (length < bytes) continue;
    let all = Buffer.concat(parts, length);
    while (all.length >= bytes) {
      yield all.subarray(0, bytes);
      all = all.subarray(bytes);
    }
    parts = all.length ? [Buffer.from(all)] : [];
    length = all.length;
  }
  if (length) yield Buffer.concat(parts, length);
}

/**
 * Spools an attachment body to disk for a bucket upload, hashing and measuring it on the way: memory
 * stays flat whatever the size, the cap (MAX_ATTACHMENT_MB) is enforced while counting, and a slow
 * client never holds a database transaction open. The declared Content-Length is checked first, so an
 * oversized upload is refused before a byte of it is read. An empty body is refused.
 */
export async function receiveUpload(
  dataDir: string,
  body: AsyncIterable<Uint8Array | string>,
  options: { maxBytes: number; declaredLength?: number },
): Promise<ReceivedUpload> {
  checkDeclaredLength(options.maxBytes, options.declaredLength);
  const observer = uploadObserver(options.maxBytes);
  const spooled = await spoolUpload(dataDir, exactChunks(observer.pass(body), 1024 * 1024), {
    maxBytes: options.maxBytes,
    tooLarge: tooLarge,
  });
  try {
    return { ...observer.facts(), file: spooled.file, remove: spooled.remove };
  } catch (error) {
    spooled.remove();
    throw error;
  }
}
