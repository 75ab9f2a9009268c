import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashFile } from './hash-file.ts';

const digests = (data: Uint8Array | string) => ({
  md5: createHash('md5').update(data).digest('hex'),
  sha1: createHash('sha1').update(data).digest('hex'),
  sha256: createHash('sha256').update(data).digest('hex'),
});

describe('hashing a dropped file in the browser', () => {
  it('gives MD5, SHA-1 and SHA-256 and keeps the name and size', async () => {
    const content = 'mimikatz.exe stand-in\n';
    expect(await hashFile(new File([content], 'm.exe'))).toEqual({
      filename: 'm.exe',
      size: content.length,
      ...digests(content),
    });
  });

  it('hashes an empty file', async () => {
    expect(await hashFile(new File([], 'empty.bin'))).toMatchObject({ size: 0, ...digests('') });
  });

  it('gives the same digests for a file read in many chunks', async () => {
    // Several parts of odd sizes: the stream hands them over in more than one chunk.
    const data = new Uint8Array(3 * 1024 * 1024 + 17).map((_, i) => (i * 31 + 7) & 0xff);
    const parts = [data.subarray(0, 65_537), data.subarray(65_537, 2_000_003), data.subarray(2_000_003)];
    expect(await hashFile(new File(parts, 'big.bin'))).toMatchObject({ size: data.length, ...digests(data) });
  });
});
