// The pieces of a streamed report body, checked as they come (a plugin's stream is plugin output too).

/** A render returned (or streamed) something that is not what its output kind promises. */
export class MalformedOutputError extends Error {
  override name = 'MalformedOutputError';
}

/** A report body sent piece by piece: text (sent as UTF-8) or bytes. */
export type ReportBodyStream = AsyncIterable<string | Uint8Array>;

/** True for an async iterable: a streamed body or part; strings, arrays and bytes are not. */
export function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * A plugin's stream with what the host adds around it (the HTML document's head and end), every piece
 * checked: text for HTML and Markdown, text or bytes for files. Closing this closes the plugin's stream.
 */
export async function* streamedText(
  source: AsyncIterable<unknown>,
  what: 'HTML' | 'Markdown' | 'file',
  before = '',
  after = '',
): ReportBodyStream {
  if (before) yield before;
  for await (const piece of source) {
    if (typeof piece === 'string') yield piece;
    else if (what === 'file' && piece instanceof Uint8Array) yield piece;
    else
      throw new MalformedOutputError(
        `streamed a ${piece === null ? 'null' : typeof piece} where ${what === 'file' ? 'text or bytes' : 'text'} was expected`,
      );
  }
  if (after) yield after;
}
