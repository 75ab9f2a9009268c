import { isUtf8 } from 'node:buffer';
import { ValidationError } from '@steppingstones/core';
import { firstInvalidUtf8, lineOfOffset } from '@steppingstones/shared/utf8';
import type { FastifyInstance } from 'fastify';

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
