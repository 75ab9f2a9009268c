import { Md5 } from './md5.ts';

export interface FileHashes {
  filename: string;
  size: number;
  md5: string;
  sha1: string;
  sha256: string;
}

const toHex = (buffer: ArrayBuffer) =>
  Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * Hashes a file the user dropped, entirely in the browser: the file is read locally and never
 * uploaded (IOC samples are often live malware or client data).
 */
export async function hashFile(file: Blob & { name: string }): Promise<FileHashes> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const md5 = new Md5();
  // Chunked, so a big file does not build one huge intermediate copy.
  for (let i = 0; i < bytes.length; i += 1 << 20) md5.update(bytes.subarray(i, i + (1 << 20)));
  const [sha1, sha256] = await Promise.all([
    crypto.subtle.digest('SHA-1', bytes),
    crypto.subtle.digest('SHA-256', bytes),
  ]);
  return { filename: file.name, size: file.size, md5: md5.hex(), sha1: toHex(sha1), sha256: toHex(sha256) };
}
