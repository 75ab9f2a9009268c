/**
 * The HTML builder. Report HTML is built from typed nodes, never from strings: text is always
 * escaped, and only a fixed set of tags and attributes exists, so the output is safe by construction
 * and streams to the client without a sanitizer. What it allows is what pastes well into Word:
 * tables, lists, headings, emphasis, code, colours, and images embedded as `data:` URIs (nothing is
 * loaded from anywhere). The renderers are in html-render.ts.
 */

/**
 * The tags a report may use.
 *
 * @example
 * ```ts
 * const allowed = (tag: string): tag is HtmlTag => (HTML_TAGS as readonly string[]).includes(tag);
 * ```
 */
export const HTML_TAGS = [
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'ul',
  'ol',
  'li',
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'em',
  'strong',
  'code',
  'pre',
  'span',
  'div',
  'br',
  'img',
] as const;
/**
 * One of `HTML_TAGS`.
 *
 * @example
 * ```ts
 * const heading: HtmlTag = 'h2';
 * ```
 */
export type HtmlTag = (typeof HTML_TAGS)[number];

/**
 * Style properties allowed in `style` (colours and simple layout that Word keeps).
 *
 * @example
 * ```ts
 * const warning: HtmlStyle = { color: '#b00020', fontWeight: 'bold' };
 * ```
 */
export interface HtmlStyle {
  color?: string;
  backgroundColor?: string;
  fontWeight?: 'normal' | 'bold';
  fontStyle?: 'normal' | 'italic';
  textAlign?: 'left' | 'right' | 'center';
  verticalAlign?: 'top' | 'middle' | 'bottom';
  whiteSpace?: 'normal' | 'nowrap' | 'pre-wrap';
  border?: string;
}

/**
 * The attributes an element may carry; which ones depends on the tag (table cells take the most).
 *
 * @example
 * ```ts
 * const attrs: HtmlAttributes = { colspan: 2, bgcolor: '#ffeeee', title: 'Not detected' };
 * const cell = h('td', attrs, 'NEG');
 * ```
 */
export interface HtmlAttributes {
  style?: HtmlStyle;
  /** Legacy cell background (Word honours it where it ignores CSS); a colour. */
  bgcolor?: string;
  colspan?: number;
  rowspan?: number;
  title?: string;
  /** `<img>` only: a `data:image/png|jpeg|gif|webp;base64,…` URI (see `AttachmentQueries.imageDataUri`). */
  src?: string;
  /** `<img>` only: the text shown in its place and read aloud. */
  alt?: string;
  /** `<img>` only: the width in pixels (1–2000); the height follows. */
  width?: number;
}

const CELL_ATTRS = new Set(['style', 'bgcolor', 'colspan', 'rowspan', 'title']);
const STYLED_ATTRS = new Set(['style', 'title']);
const ATTRS_BY_TAG: Partial<Record<HtmlTag, Set<string>>> = {
  td: CELL_ATTRS,
  th: CELL_ATTRS,
  tr: new Set(['style', 'bgcolor']),
  table: STYLED_ATTRS,
  span: STYLED_ATTRS,
  div: STYLED_ATTRS,
  p: STYLED_ATTRS,
  li: STYLED_ATTRS,
  img: new Set(['src', 'alt', 'width', 'title']),
};
const VOID_TAGS = new Set<HtmlTag>(['br', 'img']);
/** An embedded image: only these types, only base64 data, so no URL can be fetched and no markup can hide. */
const IMAGE_SRC = /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]*={0,2}$/;
const KNOWN_TAGS = new Set<string>(HTML_TAGS);

/**
 * A node of report HTML: build with `h()` or the helpers; strings become escaped text.
 *
 * @example
 * ```ts
 * const paragraph: HtmlElement = h('p', null, 'Scope: ', h('strong', null, 'ACME-26'));
 * ```
 */
export interface HtmlElement {
  readonly tag: HtmlTag;
  readonly attrs: HtmlAttributes;
  readonly children: readonly HtmlChild[];
}
/**
 * What an element may contain. An `AsyncIterable` child is a streamed part (e.g. table rows read page
 * by page): the host renders the nodes it yields as they come, so a report over any number of events
 * never holds them all. Only the host's streaming renderer (`renderHtmlStream`) accepts one.
 *
 * @example
 * ```ts
 * const children: HtmlChild[] = ['text', 42, null, h('br'), ['nested', h('em', null, 'list')]];
 * ```
 */
export type HtmlChild =
  | HtmlElement
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly HtmlChild[]
  | AsyncIterable<HtmlChild>;

/** Named colours, `#rgb` / `#rrggbb`, or `rgb()` with numbers: nothing that can carry `url()` or `;`. */
const COLOUR =
  /^(#[0-9a-f]{3}|#[0-9a-f]{6}|[a-z]{3,30}|rgba?\(\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}\s*(,\s*(0|1|0?\.\d+)\s*)?\))$/i;
const BORDER = /^(\d{1,2}px\s+(solid|dashed|dotted)\s+)?(#[0-9a-f]{3}|#[0-9a-f]{6}|[a-z]{3,30})$|^none$/i;
const ENUMS: Record<string, readonly string[]> = {
  fontWeight: ['normal', 'bold'],
  fontStyle: ['normal', 'italic'],
  textAlign: ['left', 'right', 'center'],
  verticalAlign: ['top', 'middle', 'bottom'],
  whiteSpace: ['normal', 'nowrap', 'pre-wrap'],
};
const CSS_NAME: Record<keyof HtmlStyle, string> = {
  color: 'color',
  backgroundColor: 'background-color',
  fontWeight: 'font-weight',
  fontStyle: 'font-style',
  textAlign: 'text-align',
  verticalAlign: 'vertical-align',
  whiteSpace: 'white-space',
  border: 'border',
};

/**
 * Thrown by `h()` and the helpers for a tag or an attribute outside the allowed set.
 *
 * @example
 * ```ts
 * try {
 *   h('script' as HtmlTag);
 * } catch (error) {
 *   if (error instanceof HtmlBuilderError) console.warn(error.message);
 * }
 * ```
 */
export class HtmlBuilderError extends Error {
  override name = 'HtmlBuilderError';
}

/**
 * Creates an element; throws for a tag or attribute outside the allowed set (at build time).
 *
 * @example
 * ```ts
 * const row = h('tr', null, h('td', { style: { fontWeight: 'bold' } }, 'DC01'), h('td', null, 'Domain controller'));
 * ```
 */
export function h(tag: HtmlTag, attrs?: HtmlAttributes | null, ...children: HtmlChild[]): HtmlElement {
  const a = attrs ?? NO_ATTRS;
  checkElement(tag, a, children);
  // Not frozen (freezing costs more than building on large reports): the renderers check every
  // element again, so a node changed or forged after h() still cannot leave the allowed set.
  return { tag, attrs: a, children };
}

const NO_ATTRS: HtmlAttributes = Object.freeze({});

/** Checks a tag, its attribute names and its children list (attribute values are checked when rendered). */
function checkElement(tag: unknown, attrs: unknown, children: unknown): asserts tag is HtmlTag {
  if (typeof tag !== 'string' || !KNOWN_TAGS.has(tag))
    throw new HtmlBuilderError(`The tag <${String(tag)}> is not allowed in report HTML.`);
  if (typeof attrs !== 'object' || attrs === null || !Array.isArray(children))
    throw new HtmlBuilderError('Report HTML may contain only nodes made with h() and text.');
  const allowed = ATTRS_BY_TAG[tag as HtmlTag];
  for (const name in attrs) {
    if ((attrs as Record<string, unknown>)[name] === undefined) continue;
    if (!allowed?.has(name))
      throw new HtmlBuilderError(`The attribute "${name}" is not allowed on <${tag}>.`);
  }
  if (VOID_TAGS.has(tag as HtmlTag) && children.length)
    throw new HtmlBuilderError(`<${tag}> takes no children.`);
}

/**
 * An element as the renderers may use it: whether made by h() or forged by hand (e.g. parsed from
 * JSON, or changed after h()), it is checked here, so no node bypasses the allowed set.
 */
export function checkedElement(node: unknown): HtmlElement {
  if (typeof node !== 'object' || node === null)
    throw new HtmlBuilderError('Report HTML may contain only nodes made with h() and text.');
  const el = node as HtmlElement;
  checkElement(el.tag, el.attrs, el.children);
  return el;
}

/** True for a void element (`<br>`), which has no closing tag. */
export function isVoidTag(tag: HtmlTag): boolean {
  return VOID_TAGS.has(tag);
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
/**
 * Escapes text for HTML content and attribute values.
 *
 * @example
 * ```ts
 * const text = escapeHtml('<b>"Tom" & Jerry</b>'); // &lt;b&gt;&quot;Tom&quot; &amp; Jerry&lt;/b&gt;
 * ```
 */
export function escapeHtml(text: string): string {
  // Most report text has nothing to escape: skip the replace (and its new string) then.
  return NEEDS_ESCAPE.test(text) ? text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c) : text;
}
const NEEDS_ESCAPE = /[&<>"']/;

/** Property → value → its CSS once checked: reports repeat a handful of styles on every cell. */
const checkedStyles = new Map<string, Map<unknown, string>>();
let checkedCount = 0;

function styleText(style: HtmlStyle): string {
  let out = '';
  for (const key in style) {
    const value = (style as Record<string, unknown>)[key];
    if (value === undefined) continue;
    let values = checkedStyles.get(key);
    let css = values?.get(value);
    if (css === undefined) {
      css = styleDeclaration(key, value);
      // Only strings are remembered (an object's String() may change) and only so many.
      if (typeof value === 'string' && checkedCount < 4096) {
        if (!values) {
          values = new Map();
          checkedStyles.set(key, values);
        }
        values.set(value, css);
        checkedCount++;
      }
    }
    out += out ? `; ${css}` : css;
  }
  return out;
}

function styleDeclaration(key: string, value: unknown): string {
  if (!Object.hasOwn(CSS_NAME, key))
    throw new HtmlBuilderError(`The style "${key}" is not allowed in report HTML.`);
  const v = String(value).trim();
  const ok =
    key === 'color' || key === 'backgroundColor'
      ? COLOUR.test(v)
      : key === 'border'
        ? BORDER.test(v)
        : (ENUMS[key] ?? []).includes(v);
  if (!ok) throw new HtmlBuilderError(`The value "${v}" is not allowed for the style "${key}".`);
  return `${CSS_NAME[key as keyof HtmlStyle]}: ${v}`;
}

/** The attributes of an element as HTML text (with a leading space), every value checked and escaped. */
export function attributeText(tag: HtmlTag, attrs: HtmlAttributes): string {
  let out = '';
  for (const name in attrs) {
    if (!Object.hasOwn(attrs, name)) continue;
    const value = (attrs as Record<string, unknown>)[name];
    if (value === undefined || value === null) continue;
    if (name === 'style') {
      const s = styleText(value as HtmlStyle);
      if (s) out += ` style="${escapeHtml(s)}"`;
    } else if (name === 'bgcolor') {
      if (!COLOUR.test(String(value)))
        throw new HtmlBuilderError(`The colour "${String(value)}" is not allowed.`);
      out += ` bgcolor="${escapeHtml(String(value))}"`;
    } else if (name === 'colspan' || name === 'rowspan') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > 1000) throw new HtmlBuilderError(`${name} must be 1 to 1000.`);
      out += ` ${name}="${n}"`;
    } else if (name === 'title' || name === 'alt') {
      out += ` ${name}="${escapeHtml(String(value))}"`;
    } else if (name === 'src') {
      if (typeof value !== 'string' || !IMAGE_SRC.test(value))
        throw new HtmlBuilderError('An image must be a base64 data: URI of a PNG, JPEG, GIF or WebP image.');
      out += ` src="${value}"`;
    } else if (name === 'width') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > 2000) throw new HtmlBuilderError('width must be 1 to 2000.');
      out += ` width="${n}"`;
    } else {
      throw new HtmlBuilderError(`The attribute "${name}" is not allowed on <${tag}>.`);
    }
  }
  return out;
}

function isElement(node: unknown): node is HtmlElement {
  return (
    typeof node === 'object' && node !== null && !Array.isArray(node) && 'tag' in node && 'children' in node
  );
}

/**
 * Turns line breaks in text into `<br>` elements (text stays escaped).
 *
 * @example
 * ```ts
 * const evidence = h('td', null, textWithBreaks('line one\nline two'));
 * ```
 */
export function textWithBreaks(text: string): HtmlChild[] {
  const lines = text.split(/\r?\n/);
  return lines.flatMap((line, i) => (i === 0 ? [line] : [h('br'), line]));
}

type TableRows = readonly (readonly HtmlChild[])[];

/**
 * A table from a header row and body rows; cells may be text or nodes (e.g. a coloured `td`). `rows`
 * may also be pages of rows as they are read (an async iterable of row arrays, e.g. built from
 * `ctx.events.pages()`): the table is then streamed page by page.
 *
 * @example
 * ```ts
 * function eventTable(ctx: ReportContext) {
 *   // Pages of rows as they are read: the table streams, whatever the number of events.
 *   const pages = (async function* () {
 *     for await (const page of ctx.events.pages()) yield page.map((e) => [e.startAt, e.description]);
 *   })();
 *   return htmlTable(['When', 'What'], pages);
 * }
 * ```
 */
export function htmlTable(
  header: readonly HtmlChild[],
  rows: TableRows | AsyncIterable<TableRows>,
): HtmlElement {
  const cell = (tag: 'td' | 'th', c: HtmlChild) =>
    isElement(c) && (c.tag === 'td' || c.tag === 'th') ? c : h(tag, null, c);
  const tr = (r: readonly HtmlChild[]) =>
    h(
      'tr',
      null,
      r.map((c) => cell('td', c)),
    );
  const body: HtmlChild = isAsyncIterable(rows) ? mapAsync(rows, (page) => page.map(tr)) : rows.map(tr);
  return h(
    'table',
    null,
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        header.map((c) => cell('th', c)),
      ),
    ),
    h('tbody', null, body),
  );
}

/** True for an async iterable (a streamed part); arrays and strings are not. */
export function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

async function* mapAsync<T, U>(source: AsyncIterable<T>, map: (item: T) => U): AsyncGenerator<U> {
  for await (const item of source) yield map(item);
}
