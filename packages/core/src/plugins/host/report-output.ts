import { type ReportOutput, renderHtml } from '@steppingstones/plugin-sdk';
import { z } from 'zod';

/** A rendered report, ready to send: posted from the thread to the server. */
export interface RenderedReport {
  contentType: string;
  /** The download name; set for everything but HTML and SVG/PNG shown inline. */
  filename: string;
  /** `attachment` for JSON and files, `inline` otherwise. */
  disposition: 'inline' | 'attachment';
  body: string | Uint8Array;
}

const filename = z.string().min(1).max(200).optional();
const outputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('html'), body: z.unknown(), filename }),
  z.object({ kind: z.literal('markdown'), markdown: z.string(), filename }),
  z.object({ kind: z.literal('json'), data: z.unknown(), filename }),
  z.object({
    kind: z.literal('file'),
    filename: z.string().min(1).max(200),
    contentType: z.string().regex(/^[\w.+-]+\/[\w.+-]+(;.*)?$/, 'must be a MIME type'),
    data: z.union([z.string(), z.instanceof(Uint8Array)]),
  }),
  z.object({
    kind: z.literal('chart'),
    option: z.record(z.string(), z.unknown()),
    width: z.number().int().min(50).max(8000).optional(),
    height: z.number().int().min(50).max(8000).optional(),
    filename,
  }),
]);

export class MalformedOutputError extends Error {
  override name = 'MalformedOutputError';
}

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
  format: 'svg' | 'png' | undefined,
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
    case 'html':
      return {
        contentType: 'text/html; charset=utf-8',
        filename: `${base}.html`,
        disposition: 'inline',
        body: `<!doctype html><html><head><meta charset="utf-8"><title>${base}</title></head><body>${renderHtml(out.body)}</body></html>`,
      };
    case 'markdown':
      return {
        contentType: 'text/markdown; charset=utf-8',
        filename: `${base}.md`,
        disposition: 'inline',
        body: out.markdown,
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
        body: out.data,
      };
    case 'chart': {
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
