/**
 * The HTML builder. Report HTML is built from typed nodes, never from strings: text is always
 * escaped, and only a fixed set of tags and attributes exists, so the output is safe by construction
 * and streams to the client without a sanitizer. What it allows is what pastes well into Word:
 * tables, lists, headings, emphasis, code and colours.
 */

/** The tags a report may use. */
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
] as const;
export type HtmlTag = (typeof HTML_TAGS)[number];

/** Style properties allowed in `style` (colours and simple layout that Word keeps). */
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

export interface HtmlAttributes {
  style?: HtmlStyle;
  /** Legacy cell background (Word honours it where it ignores CSS); a colour. */
  bgcolor?: string;
  colspan?: number;
  rowspan?: number;
  title?: string;
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
};
const VOID_TAGS = new Set<HtmlTag>(['br']);
const KNOWN_TAGS = new Set<string>(HTML_TAGS);

/** A node of report HTML: build with `h()` or the helpers; strings become escaped text. */
export interface HtmlElement {
  readonly tag: HtmlTag;
  readonly attrs: HtmlAttributes;
  readonly children: readonly HtmlChild[];
}
export type HtmlChild = HtmlElement | string | number | boolean | null | undefined | readonly HtmlChild[];

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

export class HtmlBuilderError extends Error {
  override name = 'HtmlBuilderError';
}

/** Creates an element; throws for a tag or attribute outside the allowed set (at build time). */
export function h(tag: HtmlTag, attrs?: HtmlAttributes | null, ...children: HtmlChild[]): HtmlElement {
  if (!KNOWN_TAGS.has(tag))
    throw new HtmlBuilderError(`The tag <${String(tag)}> is not allowed in report HTML.`);
  const a = attrs ?? {};
  const allowed = ATTRS_BY_TAG[tag] ?? new Set<string>();
  for (const name of Object.keys(a)) {
    if ((a as Record<string, unknown>)[name] === undefined) continue;
    if (!allowed.has(name)) throw new HtmlBuilderError(`The attribute "${name}" is not allowed on <${tag}>.`);
  }
  if (VOID_TAGS.has(tag) && children.length) throw new HtmlBuilderError(`<${tag}> takes no children.`);
  return Object.freeze({ tag, attrs: a, children });
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function styleText(style: HtmlStyle): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(style)) {
    if (value === undefined) continue;
    const css = CSS_NAME[key as keyof HtmlStyle];
    if (!css) throw new HtmlBuilderError(`The style "${key}" is not allowed in report HTML.`);
    const v = String(value).trim();
    const ok =
      key === 'color' || key === 'backgroundColor'
        ? COLOUR.test(v)
        : key === 'border'
          ? BORDER.test(v)
          : (ENUMS[key] ?? []).includes(v);
    if (!ok) throw new HtmlBuilderError(`The value "${v}" is not allowed for the style "${key}".`);
    parts.push(`${css}: ${v}`);
  }
  return parts.join('; ');
}

function attributeText(tag: HtmlTag, attrs: HtmlAttributes): string {
  let out = '';
  for (const [name, value] of Object.entries(attrs)) {
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
    } else if (name === 'title') {
      out += ` title="${escapeHtml(String(value))}"`;
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

/** Renders nodes to HTML text piece by piece (for streaming large tables). */
export function* renderHtmlChunks(node: HtmlChild): Generator<string> {
  if (node === null || node === undefined || node === false || node === true) return;
  if (typeof node === 'string') {
    yield escapeHtml(node);
    return;
  }
  if (typeof node === 'number') {
    yield escapeHtml(String(node));
    return;
  }
  if (Array.isArray(node)) {
    for (const child of node) yield* renderHtmlChunks(child);
    return;
  }
  if (!isElement(node) || !KNOWN_TAGS.has(node.tag))
    throw new HtmlBuilderError('Report HTML may contain only nodes made with h() and text.');
  // Re-validate: a node may have been built by hand rather than through h().
  const el = h(node.tag, node.attrs, ...node.children);
  yield `<${el.tag}${attributeText(el.tag, el.attrs)}>`;
  if (VOID_TAGS.has(el.tag)) return;
  for (const child of el.children) yield* renderHtmlChunks(child);
  yield `</${el.tag}>`;
}

/** Renders nodes to one HTML string. */
export function renderHtml(node: HtmlChild): string {
  let out = '';
  for (const chunk of renderHtmlChunks(node)) out += chunk;
  return out;
}

/** Turns line breaks in text into `<br>` elements (text stays escaped). */
export function textWithBreaks(text: string): HtmlChild[] {
  const lines = text.split(/\r?\n/);
  return lines.flatMap((line, i) => (i === 0 ? [line] : [h('br'), line]));
}

/** A table from a header row and body rows; cells may be text or nodes (e.g. a coloured `td`). */
export function htmlTable(
  header: readonly HtmlChild[],
  rows: readonly (readonly HtmlChild[])[],
): HtmlElement {
  const cell = (tag: 'td' | 'th', c: HtmlChild) =>
    isElement(c) && (c.tag === 'td' || c.tag === 'th') ? c : h(tag, null, c);
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
    h(
      'tbody',
      null,
      rows.map((r) =>
        h(
          'tr',
          null,
          r.map((c) => cell('td', c)),
        ),
      ),
    ),
  );
}
