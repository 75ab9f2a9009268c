import type { HtmlChild } from './html.ts';

/**
 * What a report declares it produces (shown in menus; the host checks the render returns that kind).
 *
 * @example
 * ```ts
 * const kind: ReportOutputKind = 'markdown';
 * ```
 */
export type ReportOutputKind = 'html' | 'markdown' | 'json' | 'file' | 'chart';

/**
 * A body produced piece by piece, e.g. an `async function*` that reads `ctx.events.pages()` and yields
 * each page's text. The host sends every piece as it comes and asks for the next one only when the
 * client has taken the previous ones (backpressure), so a report over any number of events needs the
 * memory of a page, not of the report. The render's deadline covers the whole stream; when the client
 * goes away, `ctx.signal` aborts and the iterator is closed (its `finally` blocks run).
 *
 * @example
 * ```ts
 * async function* lines(ctx: ReportContext): ChunkStream<string> {
 *   for await (const page of ctx.events.pages()) yield page.map((e) => `- ${e.description}\n`).join('');
 * }
 * ```
 */
export type ChunkStream<T> = AsyncIterable<T>;

/**
 * HTML built with the SDK's builder (`h()`, `htmlTable()`...). The host renders the node tree, so a
 * plugin can never hand over unescaped markup. Served with a sandboxing CSP, shown in a sandboxed frame.
 * Any child may be a `ChunkStream` of nodes (e.g. `h('tbody', null, rowsPageByPage)`): the body is
 * then streamed, in the same bytes a complete tree would give.
 *
 * @example
 * ```ts
 * const output: HtmlOutput = { kind: 'html', body: h('p', null, 'No events yet.'), filename: 'summary' };
 * ```
 */
export interface HtmlOutput {
  kind: 'html';
  body: HtmlChild;
  /** Used for the download name (`<filename>.html`); defaults to the point's key. */
  filename?: string;
}

/**
 * Markdown text, shown as text with Copy and Download .md; streamed when given as pieces.
 *
 * @example
 * ```ts
 * const output: MarkdownOutput = { kind: 'markdown', markdown: '# Findings\n\nNone.' };
 * ```
 */
export interface MarkdownOutput {
  kind: 'markdown';
  markdown: string | ChunkStream<string>;
  filename?: string;
}

/**
 * Any JSON-serialisable value, downloaded as `.json`.
 *
 * @example
 * ```ts
 * const output: JsonOutput = { kind: 'json', data: { events: 3, detected: 1 } };
 * ```
 */
export interface JsonOutput {
  kind: 'json';
  data: unknown;
  filename?: string;
}

/**
 * A file download (XLSX, CSV, a Navigator layer...). `data` is text (UTF-8) or bytes, whole or streamed.
 *
 * @example
 * ```ts
 * const output: FileOutput = {
 *   kind: 'file',
 *   filename: 'events.csv',
 *   contentType: 'text/csv; charset=utf-8',
 *   data: csvRecord(['id', 'description']) + csvRecord([csvCell(1), csvCell('Phished the CFO')]),
 * };
 * ```
 */
export interface FileOutput {
  kind: 'file';
  filename: string;
  contentType: string;
  data: string | Uint8Array | ChunkStream<string | Uint8Array>;
}

/**
 * A chart as an ECharts option object (JSON only: no functions). The report viewer draws it as an
 * interactive chart (`?format=echarts`: the option as JSON); the host also renders it on the server
 * with ECharts SSR to SVG, or to PNG (`?format=png`, at twice the size) with a bundled TTF font, so it
 * pastes into Word.
 *
 * @example
 * ```ts
 * const output: ChartOutput = {
 *   kind: 'chart',
 *   option: {
 *     xAxis: { type: 'category', data: ['Mon', 'Tue'] },
 *     yAxis: {},
 *     series: [{ type: 'bar', data: [3, 5] }],
 *   },
 *   width: 800,
 * };
 * ```
 */
export interface ChartOutput {
  kind: 'chart';
  option: Record<string, unknown>;
  /** Pixels; defaults 1000 x 600. */
  width?: number;
  height?: number;
  filename?: string;
}

/**
 * What a report's `render` returns: one of the output kinds, matching the point's `output`.
 *
 * @example
 * ```ts
 * const empty = (markdown: boolean): ReportOutput =>
 *   markdown ? { kind: 'markdown', markdown: 'No events.' } : { kind: 'html', body: h('p', null, 'No events.') };
 * ```
 */
export type ReportOutput = HtmlOutput | MarkdownOutput | JsonOutput | FileOutput | ChartOutput;
