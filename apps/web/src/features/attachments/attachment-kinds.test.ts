import { describe, expect, it } from 'vitest';
import { attachmentKind, formatSize } from './attachment-kinds.ts';

describe('what the page shows of an attachment', () => {
  it('shows the four image types inline, plays asciicasts, offers everything else as a download', () => {
    expect(attachmentKind('image/png')).toBe('image');
    expect(attachmentKind('image/JPEG')).toBe('image');
    expect(attachmentKind('image/webp; charset=binary')).toBe('image');
    expect(attachmentKind('application/x-asciicast')).toBe('cast');
    expect(attachmentKind('image/svg+xml')).toBe('file');
    expect(attachmentKind('text/html')).toBe('file');
    expect(attachmentKind('application/octet-stream')).toBe('file');
  });

  it('writes sizes as people read them', () => {
    expect(formatSize(0)).toBe('0 bytes');
    expect(formatSize(1)).toBe('1 byte');
    expect(formatSize(1536)).toBe('1.5 KB');
    expect(formatSize(150 * 1024 * 1024)).toBe('150 MB');
  });
});
