import { ValidationError } from '../errors.ts';

// C0 and C1 controls and DEL (they would forge lines in logs and headers), and the bidirectional
// overrides that make `gpj.exe` read as `exe.jpg`.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * The name an attachment is stored and downloaded under. Only a name, never a path: a separator, a `.`
 * or `..` name, or a control character is refused (400, naming the field) instead of being cleaned, so
 * the uploader sees what was wrong.
 */
export function checkAttachmentFilename(raw: string | undefined): string {
  const name = (raw ?? '').trim();
  const refuse = (message: string) => ValidationError.field('filename', message);
  if (!name) throw refuse('is required: pass ?filename=NAME with the file as the request body');
  if (name.length > 255) throw refuse('is longer than 255 characters');
  if (CONTROL.test(name))
    throw refuse('must not contain control characters (newlines, tabs, NUL, direction overrides…)');
  if (name.includes('/') || name.includes('\\'))
    throw refuse('must be a file name only, without a path (no / or \\)');
  if (name === '.' || name === '..') throw refuse('must be a file name, not . or ..');
  return name;
}

/** The lower-cased extension without its dot ('' when the name has none). */
export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot > 0 ? filename.slice(dot + 1).toLowerCase() : '';
}
