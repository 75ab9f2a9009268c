import type { ImportInput } from './import-limits.ts';

/** One line of an uploaded file, numbered from 1, without its line ending. */
export interface NumberedLine {
  line: number;
  text: string;
  /** The bytes were not valid UTF-8 (they are shown as U+FFFD in `text`). */
  undecodable: boolean;
}

export interface ReadProgress {
  bytes: number;
}

/**
 * Splits a byte stream into lines without holding the whole file: UTF-8 decoded incrementally (a
 * character split across chunks is kept whole), a leading BOM dropped, CRLF, LF and lone CR endings
 * accepted, and the last line kept even without a final newline (a truncated file). Yields the lines
 * of each chunk together: one await per chunk, not per line, on a million-line file.
 */
export async function* readLineBatches(
  input: ImportInput,
  onBytes?: (total: number) => void,
): AsyncGenerator<NumberedLine[]> {
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
  let carry = '';
  let line = 0;
  let total = 0;
  let pendingCr = false;
  const make = (text: string): NumberedLine => ({ line: ++line, text, undecodable: text.includes('\uFFFD') });
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    total += bytes.length;
    onBytes?.(total);
    let text = carry + decoder.decode(bytes, { stream: true });
    if (pendingCr && text.startsWith('\n')) text = text.slice(1);
    pendingCr = false;
    const batch: NumberedLine[] = [];
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      batch.push(make(text.slice(start, i)));
      if (c === 13) {
        if (i + 1 < text.length) {
          if (text.charCodeAt(i + 1) === 10) i++;
        } else pendingCr = true;
      }
      start = i + 1;
    }
    carry = text.slice(start);
    if (batch.length) yield batch;
  }
  const rest = carry + decoder.decode();
  if (rest !== '') yield [make(rest)];
}

/** The same lines one by one. */
export async function* readLines(
  input: ImportInput,
  onBytes?: (total: number) => void,
): AsyncGenerator<NumberedLine> {
  for await (const batch of readLineBatches(input, onBytes)) yield* batch;
}
