import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isPlain } from './control-characters.ts';

/** At most this many characters of what the client sent come back in an error body. */
export const MAX_ECHO = 200;

const ELLIPSIS = '…';
const LONG_WORD = new RegExp(`\\S{${MAX_ECHO + 1},}`, 'g');

/** The request's own strings longer than MAX_ECHO (body fields, query and path parameters). */
function longInputs(request: FastifyRequest): string[] {
  const found: string[] = [];
  const walk = (value: unknown, depth: number) => {
    if (found.length >= 200 || depth > 32) return;
    if (typeof value === 'string') {
      if (value.length > MAX_ECHO) found.push(value, value.trim());
    } else if (isPlain(value)) for (const v of Object.values(value)) walk(v, depth + 1);
  };
  walk(request.body, 0);
  walk(request.query, 0);
  walk(request.params, 0);
  return found;
}

/** Cuts every echo of a long input down to its first MAX_ECHO characters, and any over-long word. */
export function clampEchoes(text: string, inputs: string[]): string {
  let out = text;
  for (const input of inputs) {
    const probe = input.slice(0, MAX_ECHO);
    let at = out.indexOf(probe);
    while (at >= 0) {
      let n = MAX_ECHO;
      while (at + n < out.length && n < input.length && out[at + n] === input[n]) n++;
      out = out.slice(0, at) + probe + ELLIPSIS + out.slice(at + n);
      at = out.indexOf(probe, at + probe.length + 1);
    }
  }
  return out.replace(LONG_WORD, (word) => word.slice(0, MAX_ECHO) + ELLIPSIS);
}

function clampStrings(value: unknown, inputs: string[]): unknown {
  if (typeof value === 'string') return value.length > MAX_ECHO ? clampEchoes(value, inputs) : value;
  if (Array.isArray(value)) return value.map((v) => clampStrings(v, inputs));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clampStrings(v, inputs)]));
  return value;
}

/**
 * Error bodies never echo more than MAX_ECHO characters of the input: a message quoting a 10 MB
 * value (and its field entry quoting it again) is cut, whichever code wrote it.
 */
export function installEchoLimit(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode < 400 || typeof payload !== 'string' || payload.length <= MAX_ECHO) return payload;
    if (!String(reply.getHeader('content-type') ?? '').includes('application/json')) return payload;
    let body: unknown;
    try {
      body = JSON.parse(payload);
    } catch {
      return payload;
    }
    return JSON.stringify(clampStrings(body, longInputs(request)));
  });
}
