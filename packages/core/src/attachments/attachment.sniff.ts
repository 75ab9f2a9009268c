import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';
import { AttachmentRefused } from './attachment.errors.ts';
import { extensionOf } from './attachment.filename.ts';
import type { UploadFacts } from './attachment.receive.ts';

export const ASCIICAST = 'application/x-asciicast';

/** Images shown inline by the browser; every other type is served as a download only. */
export const INLINE_IMAGE_TYPES: ReadonlySet<string> = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
]);

/** What an image extension promises; a file named so must hold that. */
const IMAGE_EXTENSIONS: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  avif: 'image/avif',
  ico: 'image/x-icon',
  svg: 'image/svg+xml',
};

/** Text the event's evidence redaction reads (and search, the terminal player): named so, held so. */
export const TEXT_EXTENSIONS: ReadonlySet<string> = new Set(['txt', 'log', 'cast']);

const refuse = (field: 'body' | 'filename', message: string) => new AttachmentRefused(422, field, message);

/**
 * The content type of an upload, from its bytes (file-type's signatures, a few text shapes file-type
 * leaves to others), never from the client. Refuses (422) a name whose image or text extension the bytes
 * contradict, and an image whose header does not parse or whose end is missing.
 */
export async function sniffContentType(filename: string, upload: UploadFacts): Promise<string> {
  const ext = extensionOf(filename);
  const detected = await fileTypeFromBuffer(upload.head);
  const type = detected?.mime ?? textType(upload.head);
  const promised = IMAGE_EXTENSIONS[ext];
  if (promised && promised !== type)
    throw refuse(
      'filename',
      `says .${ext} but the file is ${describe(type)}; rename it to match what it holds`,
    );
  if (TEXT_EXTENSIONS.has(ext) && (detected || type === 'application/octet-stream'))
    throw refuse('filename', `says .${ext} but the file is ${describe(type)}, not text; rename it`);
  if (ext === 'cast' && type !== ASCIICAST)
    throw refuse(
      'body',
      'is not an asciinema recording: its first line must be a JSON header with "version"',
    );
  if (INLINE_IMAGE_TYPES.has(type)) checkImage(type, upload);
  return type;
}

function describe(type: string): string {
  return type === 'application/octet-stream' ? 'not a recognised format' : type;
}

/** Text shapes by their first bytes: an asciinema header, SVG, HTML, else UTF-8 text or unknown bytes. */
function textType(head: Buffer): string {
  if (head.includes(0)) return 'application/octet-stream';
  const text = head.toString('utf8');
  const firstLine = text.split('\n', 1)[0] ?? '';
  if (isCastHeader(firstLine)) return ASCIICAST;
  const start = text.trimStart().slice(0, 1024).toLowerCase();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/.test(start)) return 'image/svg+xml';
  if (/^(<!doctype html|<html[\s>])/.test(start)) return 'text/html';
  return isUtf8(head) ? 'text/plain' : 'application/octet-stream';
}

/** UTF-8 throughout (a character cut at the end of the head is not held against it). */
function isUtf8(head: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function isCastHeader(line: string): boolean {
  try {
    const header = JSON.parse(line) as unknown;
    return typeof header === 'object' && header !== null && 'version' in header;
  } catch {
    return false;
  }
}

/**
 * An image the browser will be asked to draw: its header must parse (dimensions) and its end must be
 * there (a truncated upload stops before PNG's IEND, JPEG's EOI, GIF's trailer or WebP's declared size).
 */
function checkImage(type: string, upload: UploadFacts): void {
  const broken = (why: string) => refuse('body', `is a broken image (${type}): ${why}`);
  try {
    const size = imageSize(upload.head);
    if (!size.width || !size.height) throw new Error('no size');
  } catch {
    throw broken('its header does not parse');
  }
  const tail = upload.tail;
  const complete =
    type === 'image/png'
      ? tail.includes(Buffer.from('IEND', 'latin1'))
      : type === 'image/jpeg'
        ? tail.includes(Buffer.from([0xff, 0xd9]))
        : type === 'image/gif'
          ? tail.includes(0x3b)
          : upload.head.readUInt32LE(4) + 8 <= upload.size;
  if (!complete) throw broken('it is truncated (the end of the image is missing)');
}
