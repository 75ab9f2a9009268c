import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashFile } from './hash-file.ts';
import { Md5, md5Hex } from './md5.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('MD5 in the browser', () => {
  it('matches the RFC 1321 test suite', () => {
    expect(md5Hex(utf8(''))).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(md5Hex(utf8('abc'))).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(md5Hex(utf8('message digest'))).toBe('f96b697d7cb7938d525a2f31aaf161d0');
    expect(
      md5Hex(utf8('12345678901234567890123456789012345678901234567890123456789012345678901234567890')),
    ).toBe('57edf4a22be3c955ac49da2e2107b67a');
  });

  it('gives the same digest however the data is split into chunks', () => {
    const data = new Uint8Array(10_000).map((_, i) => (i * 31 + 7) & 0xff);
    const expected = createHash('md5').update(data).digest('hex');
    for (const chunk of [1, 55, 56, 63, 64, 65, 1000]) {
      const h = new Md5();
      for (let i = 0; i < data.length; i += chunk) h.update(data.subarray(i, i + chunk));
      expect(h.hex()).toBe(expected);
    }
  });

  it('hashes a file with MD5, SHA-1 and SHA-256 and keeps its name and size', async () => {
    const content = 'mimikatz.exe stand-in\n';
    const file = new File([content], 'm.exe');
    const hashes = await hashFile(file);
    expect(hashes).toEqual({
      filename: 'm.exe',
      size: content.length,
      md5: createHash('md5').update(content).digest('hex'),
      sha1: createHash('sha1').update(content).digest('hex'),
      sha256: createHash('sha256').update(content).digest('hex'),
    });
  });
});
