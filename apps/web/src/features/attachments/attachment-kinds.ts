/** What the page can show of an attachment, from the content type the server sniffed (never the name). */

/** The image types the server serves inline; everything else (SVG and HTML included) is a download. */
const INLINE_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

const CAST_TYPE = 'application/x-asciicast';

type AttachmentKind = 'image' | 'cast' | 'file';

export function attachmentKind(contentType: string): AttachmentKind {
  const base = contentType.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  if (INLINE_IMAGES.has(base)) return 'image';
  if (base === CAST_TYPE) return 'cast';
  return 'file';
}

/** A size as people read it: 1 KB is 1024 bytes, one decimal below 10. */
export function formatSize(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
