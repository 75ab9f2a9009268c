/**
 * Splits a byte stream into lines for JSON Lines imports. It splits on the newline byte before
 * decoding (a UTF-8 multi-byte character never contains 0x0A, so one split across chunks stays
 * whole), takes any line length up to `maxLineBytes`, drops a trailing CR and a leading BOM, and
 * numbers lines from 1 (blank lines count, so numbers match an editor's).
 */
export type ReadLine = { line: number; text: string } | { line: number; tooLong: true; bytes: number };

export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

const NEWLINE = 0x0a;
const CR = 0x0d;

export interface LineReaderOptions {
  maxLineBytes?: number;
  /** Called with the bytes read so far, after each chunk. */
  onBytes?: (bytes: number) => void;
}

/**
 * The lines of each chunk as they complete, one array per chunk (a million-line import then awaits
 * once per chunk, not once per line). An array may be empty.
 */
export async function* readLineBatches(
  input: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  options: LineReaderOptions = {},
): AsyncGenerator<ReadLine[]> {
  const max = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  /** The current line passed the maximum: its bytes are counted and dropped. */
  let tooLong = false;
  let dropped = 0;
  let lineNo = 0;
  let total = 0;

  /** The line ending at `end` of `chunk` (from `from`), after what is pending; chunk null: the input ended. */
  const finish = (chunk: Buffer | null, from: number, end: number): ReadLine => {
    lineNo++;
    if (tooLong) {
      const bytes = dropped + (end - from);
      tooLong = false;
      dropped = 0;
      pending = [];
      pendingBytes = 0;
      return { line: lineNo, tooLong: true, bytes };
    }
    let buf: Buffer;
    if (pending.length === 0) {
      // The common case: the whole line inside one chunk, decoded in place.
      buf = chunk ?? Buffer.alloc(0);
    } else {
      buf = Buffer.concat(chunk ? [...pending, chunk.subarray(from, end)] : pending);
      from = 0;
      end = buf.length;
      pending = [];
      pendingBytes = 0;
    }
    if (end > from && buf[end - 1] === CR) end--;
    if (
      lineNo === 1 &&
      end - from >= 3 &&
      buf[from] === 0xef &&
      buf[from + 1] === 0xbb &&
      buf[from + 2] === 0xbf
    )
      from += 3;
    return { line: lineNo, text: buf.toString('utf8', from, end) };
  };

  for await (const raw of input) {
    const chunk =
      typeof raw === 'string'
        ? Buffer.from(raw, 'utf8')
        : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    total += chunk.length;
    const lines: ReadLine[] = [];
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf(NEWLINE, from);
      if (nl === -1) break;
      if (!tooLong && pendingBytes + (nl - from) > max) {
        tooLong = true;
        dropped = pendingBytes;
      }
      lines.push(finish(chunk, from, nl));
      from = nl + 1;
    }
    if (from < chunk.length) {
      const rest = chunk.subarray(from);
      if (tooLong) dropped += rest.length;
      else if (pendingBytes + rest.length > max) {
        tooLong = true;
        dropped = pendingBytes + rest.length;
        pending = [];
        pendingBytes = 0;
      } else {
        // Copy: the caller may reuse the chunk's memory once we ask for the next one.
        pending.push(Buffer.from(rest));
        pendingBytes += rest.length;
      }
    }
    yield lines;
    options.onBytes?.(total);
  }
  if (pendingBytes > 0 || tooLong) yield [finish(null, 0, 0)];
}

/** The lines one by one (see `readLineBatches`). */
export async function* readLines(
  input: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  options: LineReaderOptions = {},
): AsyncGenerator<ReadLine> {
  for await (const lines of readLineBatches(input, options)) yield* lines;
}
