/**
 * Renderers of the HTML builder's nodes. Rendering is synchronous string building; a streamed part
 * (an `AsyncIterable` child) splits the output at its position, so the closing tags around it still
 * come after everything it yields.
 */
import {
  attributeText,
  checkedElement,
  escapeHtml,
  HtmlBuilderError,
  type HtmlChild,
  isAsyncIterable,
  isVoidTag,
} from './html.ts';

/** A node rendered as far as it can be without waiting: text, with the streamed parts in between. */
class Segments {
  readonly parts: (string | AsyncIterable<HtmlChild>)[] = [];
  text = '';

  write(node: HtmlChild): void {
    if (node === null || node === undefined || node === false || node === true) return;
    if (typeof node === 'string') {
      this.text += escapeHtml(node);
    } else if (typeof node === 'number') {
      this.text += escapeHtml(String(node));
    } else if (Array.isArray(node)) {
      for (const child of node) this.write(child);
    } else if (isAsyncIterable(node)) {
      this.parts.push(this.text, node);
      this.text = '';
    } else {
      const el = checkedElement(node);
      this.text += `<${el.tag}${attributeText(el.tag, el.attrs)}>`;
      if (isVoidTag(el.tag)) return;
      for (const child of el.children) this.write(child);
      this.text += `</${el.tag}>`;
    }
  }

  /** The parts in order, ending with the text after the last streamed part. */
  done(): (string | AsyncIterable<HtmlChild>)[] {
    this.parts.push(this.text);
    this.text = '';
    return this.parts;
  }
}

/**
 * Renders nodes to one HTML string. Throws for streamed parts: those need `renderHtmlStream`.
 *
 * @example
 * ```ts
 * const html = renderHtml(h('p', null, 'Tom & Jerry')); // <p>Tom &amp; Jerry</p>
 * ```
 */
export function renderHtml(node: HtmlChild): string {
  const segments = new Segments();
  segments.write(node);
  if (segments.parts.length)
    throw new HtmlBuilderError(
      'This HTML has streamed parts (async iterables): render it with renderHtmlStream (the host does).',
    );
  return segments.text;
}

/**
 * Renders nodes to HTML text one top-level child at a time (synchronous; no streamed parts).
 *
 * @example
 * ```ts
 * const pieces = [...renderHtmlChunks([h('h1', null, 'Report'), h('p', null, 'Body')])];
 * ```
 */
export function* renderHtmlChunks(node: HtmlChild): Generator<string> {
  if (Array.isArray(node)) for (const child of node) yield renderHtml(child);
  else yield renderHtml(node);
}

/**
 * Renders nodes to HTML text as it becomes available: streamed parts are awaited where they stand and
 * what they yield is rendered in their place. Text is handed out in pieces of about `pieceChars`
 * characters (more when one streamed item is larger), so memory stays flat for any number of rows.
 *
 * @example
 * ```ts
 * async function toText(body: HtmlChild): Promise<string> {
 *   let html = '';
 *   for await (const piece of renderHtmlStream(body)) html += piece;
 *   return html;
 * }
 * ```
 */
export async function* renderHtmlStream(node: HtmlChild, pieceChars = 64 * 1024): AsyncGenerator<string> {
  const segments = new Segments();
  segments.write(node);
  yield* streamSegments(segments.done(), { text: '' }, pieceChars, true);
}

async function* streamSegments(
  parts: (string | AsyncIterable<HtmlChild>)[],
  pending: { text: string },
  pieceChars: number,
  last: boolean,
): AsyncGenerator<string> {
  for (const part of parts) {
    if (typeof part !== 'string') {
      for await (const item of part) {
        const segments = new Segments();
        segments.write(item);
        yield* streamSegments(segments.done(), pending, pieceChars, false);
      }
      continue;
    }
    pending.text += part;
    if (pending.text.length >= pieceChars) {
      yield pending.text;
      pending.text = '';
    }
  }
  if (last && pending.text) yield pending.text;
}

/**
 * The host's renderer: the whole text when the nodes have no streamed part (rendered at once, as
 * `renderHtml` would), else the text as a stream (as `renderHtmlStream` would), without rendering twice.
 */
export function renderHtmlBody(node: HtmlChild, pieceChars = 64 * 1024): string | AsyncGenerator<string> {
  const segments = new Segments();
  segments.write(node);
  if (!segments.parts.length) return segments.text;
  return streamSegments(segments.done(), { text: '' }, pieceChars, true);
}
