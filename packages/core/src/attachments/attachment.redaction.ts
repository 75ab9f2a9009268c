import { Readable } from 'node:stream';
import type { Redactor } from '../events/event.redaction.ts';

/** A line longer than this is masked in pieces of this size (a recording can hold very long lines). */
const MAX_LINE = 1024 * 1024;

/**
 * A text attachment as a reader without `credential.view` may read it: the evidence redaction applied
 * line by line while streaming, so memory stays at about one line.
 */
export function redactTextStream(source: AsyncIterable<Buffer>, redact: Redactor): Readable {
  async function* lines() {
    let pending = '';
    const decoder = new TextDecoder('utf-8');
    for await (const chunk of source) {
      pending += decoder.decode(chunk, { stream: true });
      let newline = pending.lastIndexOf('\n');
      while (newline === -1 && pending.length > MAX_LINE) {
        yield redact(pending.slice(0, MAX_LINE));
        pending = pending.slice(MAX_LINE);
        newline = pending.lastIndexOf('\n');
      }
      if (newline === -1) continue;
      const complete = pending.slice(0, newline + 1);
      pending = pending.slice(newline + 1);
      yield complete
        .split('\n')
        .map((line) => redact(line))
        .join('\n');
    }
    pending += decoder.decode();
    if (pending) yield redact(pending);
  }
  return Readable.from(lines(), { objectMode: false });
}
