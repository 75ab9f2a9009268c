// The one CSV field encoder, shared with plugins' CSV reports (RFC 4180, `\r\n` line ends).
export { csvRecord } from '@steppingstones/plugin-sdk';

const CHUNK_BYTES = 1 << 20;

/**
 * Collects CSV records as UTF-8 in buffers of about 1 MB, the size of write that streams well. Each
 * record is encoded straight into the buffer: joining thousands of records into one string and then
 * encoding it cost more than building them.
 */
export class CsvChunks {
  #buf = Buffer.allocUnsafe(CHUNK_BYTES);
  #at = 0;

  /** Appends a record; returns the full chunk when the record did not fit after it. */
  push(record: string): Buffer | null {
    // At most 3 bytes per UTF-16 unit (a surrogate pair's two units make 4).
    const most = record.length * 3;
    const full = this.#at + most > this.#buf.length ? this.take(most) : null;
    this.#at += this.#buf.write(record, this.#at, 'utf8');
    return full;
  }

  /** The bytes collected so far (null if none); collecting starts over in a fresh buffer. */
  take(room = 0): Buffer | null {
    const out = this.#at > 0 ? this.#buf.subarray(0, this.#at) : null;
    this.#buf = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, room));
    this.#at = 0;
    return out;
  }
}
