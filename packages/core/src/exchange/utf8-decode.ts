import { Transform, type TransformCallback } from 'node:stream';
import { firstInvalidUtf8, lineOfOffset } from '@steppingstones/shared/utf8';
import { ValidationError } from '../errors.ts';

/** Bytes at the end of `buf` that start a UTF-8 sequence the next chunk completes (0 to 3). */
function incompleteTail(buf: Buffer): number {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const b = buf[buf.length - back] as number;
    if ((b & 0xc0) === 0x80) continue;
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return length > back ? back : 0;
  }
  return 0;
}

/**
 * Decodes a byte stream as UTF-8 strictly: a byte that is not UTF-8 ends the stream with a
 * ValidationError naming its line, where a plain decoder would put U+FFFD in the user's data.
 */
export function strictUtf8(what: string): Transform {
  let carry = Buffer.alloc(0);
  let line = 1;
  const fail = (bytes: Buffer, offset: number) =>
    ValidationError.field(
      `line ${line + lineOfOffset(bytes, offset) - 1}`,
      `the ${what} is not valid UTF-8 (byte 0x${(bytes[offset] ?? 0).toString(16).padStart(2, '0')}); save it as UTF-8 and import it again.`,
    );
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer | string, _encoding, done: TransformCallback) {
      if (typeof chunk === 'string') return done(null, chunk);
      const bytes = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const keep = incompleteTail(bytes);
      const head = bytes.subarray(0, bytes.length - keep);
      carry = Buffer.from(bytes.subarray(bytes.length - keep));
      const bad = firstInvalidUtf8(head);
      if (bad >= 0) return done(fail(head, bad));
      line += lineOfOffset(head, head.length) - 1;
      done(null, head.toString('utf8'));
    },
    flush(done: TransformCallback) {
      if (carry.length) return done(fail(carry, 0));
      done();
    },
  });
}
