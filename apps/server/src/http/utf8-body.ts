import { isUtf8 } from 'node:buffer';
import { ValidationError } from '@steppingstones/core';
import type { FastifyInstance } from 'fastify';

/** Byte offset of the first byte that does not start or continue a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8 either.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += need + 1;
  }
  return -1;
}

/** 1-based line of a byte offset. */
export function lineOfOffset(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** The error for a body that is not UTF-8, naming the line, or null when it is valid. */
export function invalidUtf8Error(bytes: Buffer, what: string): ValidationError | null {
  if (isUtf8(bytes)) return null;
  const offset = firstInvalidUtf8(bytes);
  if (offset < 0) return null;
  return ValidationError.field(
    'body',
    `line ${lineOfOffset(bytes, offset)}: the ${what} is not valid UTF-8 (byte 0x${(bytes[offset] as number).toString(16).padStart(2, '0')}); save it as UTF-8 and send it again.`,
  );
}

/**
 * JSON and plain-text bodies are decoded strictly: a byte that is not UTF-8 is a 400 naming its line,
 * where the default parser would replace it with U+FFFD and store text the user never wrote.
 */
export function installStrictUtf8Bodies(app: FastifyInstance): void {
  const json = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const error = invalidUtf8Error(body as Buffer, 'JSON body');
    if (error) return done(error, undefined);
    json(request, (body as Buffer).toString('utf8'), done);
  });
  app.addContentTypeParser('text/plain', { parseAs: 'buffer' }, (_request, body, done) => {
    const error = invalidUtf8Error(body as Buffer, 'text body');
    if (error) return done(error, undefined);
    done(null, (body as Buffer).toString('utf8'));
  });
}
