import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { makePrivateDir, PRIVATE_FILE_MODE } from '@steppingstones/db';

export interface SpooledUpload {
  file: string;
  size: number;
  /** Deletes the file (safe to call twice). */
  remove(): void;
}

export interface SpoolOptions {
  /** Stops the upload with `tooLarge(maxBytes)` once more bytes than this arrived. */
  maxBytes?: number;
  tooLarge?: (maxBytes: number) => Error;
}

/** Where uploads wait for their import: inside DATA_DIR, owner-only like the database. */
export function uploadsDir(dataDir: string): string {
  return path.join(dataDir, 'uploads');
}

/**
 * Writes an upload to a new file under `DATA_DIR/uploads` (0700) with mode 0600 from its creation,
 * whatever the umask: an import's body holds hashes and passwords, and no other account of the machine
 * may read it while it waits. A failed or refused upload leaves no file behind.
 */
export async function spoolUpload(
  dataDir: string,
  body: AsyncIterable<Uint8Array | string>,
  options: SpoolOptions = {},
): Promise<SpooledUpload> {
  const dir = uploadsDir(dataDir);
  makePrivateDir(dir);
  const file = path.join(dir, randomUUID());
  let size = 0;
  const count = async function* (source: AsyncIterable<Uint8Array | string>) {
    for await (const chunk of source) {
      size += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      if (options.maxBytes !== undefined && size > options.maxBytes)
        throw (
          options.tooLarge?.(options.maxBytes) ??
          new Error(`the upload is larger than ${options.maxBytes} bytes`)
        );
      yield chunk;
    }
  };
  const remove = () => fs.rmSync(file, { force: true });
  // 'wx': a new file only, created with the private mode (never widened then narrowed).
  const out = fs.createWriteStream(file, { flags: 'wx', mode: PRIVATE_FILE_MODE });
  try {
    await pipeline(body, count, out);
  } catch (error) {
    // The file may still be opening when the pipeline gives up: remove it only once the stream has
    // closed, or the open would create it again after the removal.
    if (!out.closed) await once(out, 'close').catch(() => undefined);
    remove();
    throw error;
  }
  return { file, size, remove };
}
