// Reading chart images back in tests, the way a viewer would: the PNG fully decoded by pngjs (every
// chunk's CRC checked, the pixels inflated and unfiltered) and the SVG parsed as XML. A chart that only
// starts like an image fails here.
import { PNG } from 'pngjs';
import { SaxesParser } from 'saxes';

export interface DecodedPng {
  width: number;
  height: number;
  /** RGBA, 8 bits per channel, row after row. */
  pixels: Uint8Array;
}

/** Decodes a PNG to RGBA pixels; throws `PNG: …` on a bad signature or CRC, or truncated data. */
export function decodePng(bytes: Uint8Array): DecodedPng {
  try {
    const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { width: png.width, height: png.height, pixels: new Uint8Array(png.data) };
  } catch (error) {
    throw new Error(`PNG: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export interface SvgRoot {
  width: number;
  height: number;
  /** `[minX, minY, width, height]`, or null without a viewBox. */
  viewBox: [number, number, number, number] | null;
  /** Every text node of the document, in order (what a reader would see). */
  texts: string[];
}

/** Parses an SVG document as XML (malformed XML throws) and reads the root's size and the texts. */
export function parseSvg(svg: string): SvgRoot {
  const parser = new SaxesParser();
  let root: Record<string, string> | null = null;
  const texts: string[] = [];
  parser.on('opentag', (tag) => {
    if (root) return;
    if (tag.name !== 'svg') throw new Error(`SVG: the root element is <${tag.name}>`);
    root = tag.attributes as Record<string, string>;
  });
  parser.on('text', (text) => {
    if (text.trim()) texts.push(text);
  });
  parser.write(svg).close();
  const attrs = root as Record<string, string> | null;
  if (!attrs) throw new Error('SVG: no root element');
  const viewBox = attrs.viewBox
    ?.trim()
    .split(/[\s,]+/)
    .map(Number);
  return {
    width: Number(attrs.width),
    height: Number(attrs.height),
    viewBox: viewBox?.length === 4 ? (viewBox as [number, number, number, number]) : null,
    texts,
  };
}
