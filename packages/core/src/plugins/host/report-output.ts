import { escapeHtml, type ReportOutput } from '@steppingstones/plugin-sdk';
import { renderHtmlBody } from '@steppingstones/plugin-sdk/html-render';
import { z } from 'zod';
import {
  DEFAULT_CHART_HEIGHT,
  DEFAULT_CHART_WIDTH,
  type EchartsChartBody,
  withChartDefaults,
} from './chart-option.ts';
import {
  isAsyncIterable,
  MalformedOutputError,
  type ReportBodyStream,
  streamedText,
} from './report-pieces.ts';
import type { ChartFormat } from './report-request.ts';

/** What the server needs before the body: how to send it. */
export interface ReportHead {
  contentType: string;
  /** The download name (HTML, SVG, PNG and a chart's ECharts JSON are shown inline). */
  filename: string;
  /** `attachment` for JSON and files, `inline` otherwise. */
  disposition: 'inline' | 'attachment';
}

/**
 * A rendered report, ready to send. The body is complete, or a stream of pieces when the report
 * streams (in the thread: what the plugin yields; in the server: what the thread sends).
 */
export interface RenderedReport extends ReportHead {
  body: string | Uint8Array | ReportBodyStream;
}

const filename = z.string().min(1).max(200).optional();
const outputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('html'), body: z.unknown(), filename }),
  z.object({
    kind: z.literal('markdown'),
    markdown: z.union([
      z.string(),
      z.custom<AsyncIterable<string>>(isAsyncIterable, 'must be text or a stream'),
    ]),
    filename,
  }),
  z.object({ kind: z.literal('json'), data: z.unknown(), filename }),
  z.object({
    kind: z.literal('file'),
    filename: z.string().min(1).max(200),
    contentType: z.string().regex(/^[\w.+-]+\/[\w.+-]+(;.*)?$/, 'must be a MIME type'),
    data: z.union([
      z.string(),
      z.instanceof(Uint8Array),
      z.custom<AsyncIterable<string | Uint8Array>>(isAsyncIterable, 'must be text, bytes or a stream'),
    ]),
  }),
  z.object({
    kind: z.literal('chart'),
    option: z.record(z.string(), z.unknown()),
    width: z.number().int().min(50).max(8000).optional(),
    height: z.number().int().min(50).max(8000).optional(),
    filename,
  }),
]);

/** Safe download names: no path, no quotes, no control characters. */
function safeName(name: string): string {
  let out = '';
  for (const ch of name) out += ch < ' ' || ch === '/' || ch === '\\' || ch === '"' ? '_' : ch;
  return out.slice(0, 200);
}

/** Checks what a render returned and turns it into bytes with a content type. */
export async function toRenderedReport(
  output: unknown,
  expected: string,
  key: string,
  format: ChartFormat | undefined,
): Promise<RenderedReport> {
  const parsed = outputSchema.safeParse(output);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new MalformedOutputError(
      `returned malformed output (${issue.path.join('.') || 'the result'}: ${issue.message}); a render must return { kind: 'html' | 'markdown' | 'json' | 'file' | 'chart', ... }`,
    );
  }
  const out = parsed.data as ReportOutput;
  if (out.kind !== expected)
    throw new MalformedOutputError(`declares output "${expected}" but returned "${out.kind}"`);
  const base = safeName(out.filename ?? key);
  switch (out.kind) {
    case 'html': {
      const open = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(base)}</title></head><body>`;
      const close = '</body></html>';
      const html = renderHtmlBody(out.body);
      return {
        contentType: 'text/html; charset=utf-8',
        filename: `${base}.html`,
        disposition: 'inline',
        body: typeof html === 'string' ? open + html + close : streamedText(html, 'HTML', open, close),
      };
    }
    case 'markdown':
      return {
        contentType: 'text/markdown; charset=utf-8',
        filename: `${base}.md`,
        disposition: 'inline',
        body: typeof out.markdown === 'string' ? out.markdown : streamedText(out.markdown, 'Markdown'),
      };
    case 'json': {
      const text = JSON.stringify(out.data, null, 2);
      if (text === undefined) throw new MalformedOutputError('returned JSON data that cannot be serialised');
      return {
        contentType: 'application/json; charset=utf-8',
        filename: `${base}.json`,
        disposition: 'attachment',
        body: text,
      };
    }
    case 'file':
      return {
        contentType: out.contentType,
        filename: safeName(out.filename),
        disposition: 'attachment',
        body:
          typeof out.data === 'string' || out.data instanceof Uint8Array
            ? out.data
            : streamedText(out.data, 'file'),
      };
    case 'chart': {
      if (format === 'echarts') {
        const chart: EchartsChartBody = {
          option: withChartDefaults(out.option),
          width: out.width ?? DEFAULT_CHART_WIDTH,
          height: out.height ?? DEFAULT_CHART_HEIGHT,
        };
        const text = JSON.stringify(chart);
        if (text === undefined)
          throw new MalformedOutputError('returned a chart option that cannot be serialised');
        return {
          contentType: 'application/json; charset=utf-8',
          filename: `${base}.echarts.json`,
          disposition: 'inline',
          body: text,
        };
      }
      // ECharts and resvg are large: loaded only by threads that draw charts.
      const { chartToSvg, svgToPng } = await import('./chart-render.ts');
      const svg = chartToSvg(out.option, out.width, out.height);
      if (format === 'png')
        return {
          contentType: 'image/png',
          filename: `${base}.png`,
          disposition: 'inline',
          body: svgToPng(svg),
        };
      return { contentType: 'image/svg+xml', filename: `${base}.svg`, disposition: 'inline', body: svg };
    }
  }
}
