/**
 * What full-text search reads of an attachment: the text of a terminal recording (`.cast`) or of a
 * text file (`.txt`, `.log`); nothing for any other file. Only the start of a file is read and only so
 * much text is kept, so a 100 MB log costs the same as a small one (PostgreSQL indexes at most 300,000
 * characters of an event's document; the event's own fields come first in it).
 */

/** Bytes read from the start of a text attachment to find its searchable text. */
export const SEARCH_TEXT_READ_BYTES = 1024 * 1024;
/** Characters of an attachment's text that search keeps. */
export const SEARCH_TEXT_MAX_CHARS = 200_000;

const TEXT_EXTENSIONS = ['.cast', '.txt', '.log'] as const;

/** Whether search reads this attachment's text (by its name: `.cast`, `.txt`, `.log`). */
export function isSearchableAttachment(filename: string): boolean {
  const lower = filename.toLowerCase();
  return TEXT_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

// Terminal control sequences: CSI (colours, cursor moves), OSC (window titles, ended by BEL or ST),
// and the two-byte escapes. What is left is the text a person saw. (Control characters are what these
// patterns are about, hence the lint exceptions.)
// biome-ignore lint/suspicious/noControlCharactersInRegex: matches the escape character
const CSI = /\u001b\[[0-?]*[ -/]*[@-~]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matches escape and bell
const OSC = /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matches the escape character
const ESCAPE = /\u001b[@-Z\\-_]?/g;
// Other control characters (not tab or line feed) join words in a terminal, not in search.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]+/g;

/** Terminal output as plain text: escape sequences dropped, carriage returns as line breaks. */
export function terminalText(output: string): string {
  return output
    .replace(OSC, '')
    .replace(CSI, '')
    .replace(ESCAPE, '')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, ' ');
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/**
 * The output an asciicast recording printed (v2 and v3: a header line, then `[time, "o", data]` lines;
 * v1: one object with `stdout: [[delay, data], …]`), without the JSON around it or the keys typed
 * (`"i"` events echo as output anyway). Lines that do not parse (a cut last line) are skipped.
 */
export function castOutputText(text: string): string {
  const lines = text.split('\n');
  const header = parseJson(lines[0] ?? '');
  const out: string[] = [];
  if (header && typeof header === 'object' && Array.isArray((header as { stdout?: unknown }).stdout)) {
    for (const frame of (header as { stdout: unknown[] }).stdout)
      if (Array.isArray(frame) && typeof frame[1] === 'string') out.push(frame[1]);
    return terminalText(out.join(''));
  }
  for (const line of lines.slice(1)) {
    if (!line.startsWith('[')) continue; // v3 comments (`#`) and blank lines
    const frame = parseJson(line);
    if (Array.isArray(frame) && frame[1] === 'o' && typeof frame[2] === 'string') out.push(frame[2]);
  }
  return terminalText(out.join(''));
}

/**
 * The searchable text of an attachment from the start of its bytes (`SEARCH_TEXT_READ_BYTES` are
 * enough), or null when search does not read it: another kind of file, or binary content under a text
 * name (a NUL byte).
 */
export function attachmentSearchText(filename: string, head: Uint8Array): string | null {
  if (!isSearchableAttachment(filename)) return null;
  const bytes = head.subarray(0, SEARCH_TEXT_READ_BYTES);
  if (bytes.includes(0)) return null;
  // A multi-byte character cut at the end decodes as one replacement character: harmless for search.
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const plain = filename.toLowerCase().endsWith('.cast') ? castOutputText(text) : terminalText(text);
  return plain.slice(0, SEARCH_TEXT_MAX_CHARS);
}
