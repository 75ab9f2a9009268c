import { describe, expect, it } from 'vitest';
import { contentDisposition } from './content-disposition.ts';

describe('Content-Disposition', () => {
  it('names a plain file for every client', () => {
    expect(contentDisposition('IOCs - 2026-01-02.csv')).toBe(
      `attachment; filename="IOCs - 2026-01-02.csv"; filename*=UTF-8''IOCs%20-%202026-01-02.csv`,
    );
  });

  it('keeps a non-ASCII name exact in filename* and an ASCII stand-in in filename', () => {
    expect(contentDisposition('東京-DC01.png', 'inline')).toBe(
      `inline; filename="__-DC01.png"; filename*=UTF-8''%E6%9D%B1%E4%BA%AC-DC01.png`,
    );
  });

  it('lets no quote, backslash or line break out of the header', () => {
    const header = contentDisposition('a"b\\c\r\nX-Evil: 1\'.txt');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toBe(
      `attachment; filename="a_b_c__X-Evil: 1'.txt"; filename*=UTF-8''a%22b%5Cc%0D%0AX-Evil%3A%201%27.txt`,
    );
  });
});
