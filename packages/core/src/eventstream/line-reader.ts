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

export async function* readLines(
  input: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  options: LineReaderOptions = {},
): AsyncGenerator<ReadLine> {
  const max = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  /** The current line passed the maximum: its bytes are counted and dropped. */
  let tooLong = false;
  let dropped = 0;
  let lineNo = 0;
  let total = 0;

  const finish = (last: Buffer | null): ReadLine => {
    lineNo++;
    if (tooLong) {
      const bytes = dropped + (last?.length ?? 0);
      tooLong = false;
      dropped = 0;
      pending = [];
      pendingBytes = 0;
      return { line: lineNo, tooLong: true, bytes };
    }
    let buf =
      pending.length === 0 ? (last ?? Buffer.alloc(0)) : Buffer.concat(last ? [...pending, last] : pending);
    pending = [];
    pendingBytes = 0;
    let end = buf.length;
    if (end > 0 && buf[end - 1] === CR) end--;
    let start = 0;
    if (lineNo === 1 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) start = 3;
    if (start !== 0 || end !== buf.length) buf = buf.subarray(start, end);
    return { line: lineNo, text: buf.toString('utf8') };
  };

  for await (const raw of input) {
    const chunk =
      typeof raw === 'string'
        ? Buffer.from(raw, 'utf8')
        : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    total += chunk.length;
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf(NEWLINE, from);
      if (nl === -1) break;
      const piece = chunk.subarray(from, nl);
      if (!tooLong && pendingBytes + piece.length > max) {
        tooLong = true;
        dropped = pendingBytes;
      }
      yield finish(piece);
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
    options.onBytes?.(total);
  }
  if (pendingBytes > 0 || tooLong) yield finish(null);
}
