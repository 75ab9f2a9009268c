import type { Duplex } from 'node:stream';
import { CONTROL_CHARACTER, CONTROL_CHARACTER_MESSAGE } from '@steppingstones/shared/control-characters';
import type { FastifyInstance } from 'fastify';

const CONTROL = CONTROL_CHARACTER;

const MAX_DEPTH = 64;

export function isPlain(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  // Parsed query strings are objects of a bare prototype (itself without one): plain too. A stream,
  // Buffer or class instance is not.
  return (
    Array.isArray(value) ||
    proto === Object.prototype ||
    proto === null ||
    Object.getPrototypeOf(proto) === null
  );
}

/** The path (`source.host`, `tags.2`) of the first string or key holding a control character, else null. */
export function findControlCharacter(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return CONTROL.test(value) ? path : null;
  // Only parsed JSON (plain objects and arrays): a streamed body is read, and checked, by its route.
  if (!isPlain(value) || depth > MAX_DEPTH) return null;
  const entries: Array<[string, unknown]> = Array.isArray(value)
    ? value.map((v, i) => [String(i), v])
    : Object.entries(value);
  for (const [key, v] of entries) {
    const at = path ? `${path}.${key}` : key;
    if (!Array.isArray(value) && CONTROL.test(key)) return at;
    const found = findControlCharacter(v, at, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

function problem(field: string, where: string) {
  const message = `${field}: ${CONTROL_CHARACTER_MESSAGE}.`;
  return { error: 'invalid', message, fields: [{ field, message: `holds a control character (${where})` }] };
}

/**
 * Refuses, with a 400 naming the field, any path parameter, query parameter, cookie (on request,
 * before authentication reads them) or body text (once parsed) holding a control character. Header
 * values never get here: Node's parser refuses them (see headerControlCharacterResponse). Streamed
 * bodies (CSV imports) are checked line by line by their reader. Install after the cookie parser.
 */
export function installControlCharacterGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    const checks: Array<[unknown, string, string]> = [
      [request.params, '', 'path'],
      [request.query, '', 'query parameter'],
      [(request as { cookies?: unknown }).cookies, 'cookie', 'cookie'],
    ];
    for (const [value, prefix, where] of checks) {
      const field = findControlCharacter(value, prefix);
      if (field !== null) return reply.status(400).send(problem(field || where, where));
    }
  });
  app.addHook('preValidation', async (request, reply) => {
    const body = request.body;
    const field = findControlCharacter(body, typeof body === 'string' ? 'body' : '');
    if (field !== null) return reply.status(400).send(problem(field || 'body', 'body'));
  });
}

/**
 * The 400 for a request Node's HTTP parser refused because a header value holds a control character:
 * names the header (found in the raw bytes the parser kept), where Node alone answers a bare 400.
 */
export function headerControlCharacterResponse(rawPacket: Buffer | undefined): string | null {
  if (!rawPacket) return null;
  const head = rawPacket.toString('latin1');
  const end = head.indexOf('\r\n\r\n');
  const lines = (end >= 0 ? head.slice(0, end) : head).split('\r\n').slice(1);
  const bad = lines.find((line) => CONTROL.test(line.slice(line.indexOf(':') + 1)));
  const name = bad ? bad.slice(0, Math.max(0, bad.indexOf(':'))).trim() : '';
  if (!name || !/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/.test(name)) return null;
  const body = JSON.stringify(problem(`header ${name.toLowerCase()}`, 'header'));
  return `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}

const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'The request took too long to arrive.'],
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'The request headers are too large.'],
};

/**
 * Fastify's client-error handler (requests Node's parser refused), with a body that says what was
 * wrong: a header holding a control character is named.
 */
export function clientErrorHandler(error: Error, socket: Duplex): void {
  const err = error as NodeJS.ErrnoException & { rawPacket?: unknown };
  if (err.code === 'ECONNRESET' || socket.destroyed || !socket.writable) return;
  const named =
    err.code === 'HPE_INVALID_HEADER_TOKEN'
      ? headerControlCharacterResponse(Buffer.isBuffer(err.rawPacket) ? err.rawPacket : undefined)
      : null;
  if (named) {
    socket.end(named);
    return;
  }
  const [status, label, message] = CLIENT_ERRORS[err.code ?? ''] ?? [
    400,
    'Bad Request',
    'The request is not valid HTTP (a malformed request line or header).',
  ];
  const body = JSON.stringify({ error: 'bad_request', message });
  socket.end(
    `HTTP/1.1 ${status} ${label}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
