import { createMD5, createSHA1, createSHA256 } from 'hash-wasm';

export interface FileHashes {
  filename: string;
  size: number;
  md5: string;
  sha1: string;
  sha256: string;
}

/**
 * Hashes a file the user dropped, entirely in the browser: the file is read locally and never
 * uploaded (IOC samples are often live malware or client data). It is streamed chunk by chunk into
 * the three hashers, so a multi-gigabyte sample never sits in memory whole.
 */
export async function hashFile(file: Blob & { name: string }): Promise<FileHashes> {
  const hashers = await Promise.all([createMD5(), createSHA1(), createSHA256()]);
  for (const h of hashers) h.init();
  const reader = file.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    for (const h of hashers) h.update(value);
  }
  const [md5, sha1, sha256] = hashers.map((h) => h.digest('hex'));
  return { filename: file.name, size: file.size, md5: md5!, sha1: sha1!, sha256: sha256! };
}
