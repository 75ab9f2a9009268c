// Reading chart images back in tests, the way a viewer would: the PNG fully decoded (every chunk's
// CRC, the compressed pixels inflated and unfiltered) and the SVG parsed as XML. A chart that only
// starts like an image fails here.
import { crc32, inflateSync } from 'node:zlib';
import { SaxesParser } from 'saxes';

export interface DecodedPng {
  width: number;
  height: number;
  /** RGBA, 8 bits per channel, row after row. */
  pixels: Uint8Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Channels per colour type (8-bit depth): grey, RGB, -, palette, grey + alpha, -, RGBA. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/** Undoes one scanline's filter (PNG spec §9) in place, given the previous (already unfiltered) line. */
function unfilter(type: number, line: Uint8Array, previous: Uint8Array, bpp: number): void {
  for (let i = 0; i < line.length; i++) {
    const left = i >= bpp ? line[i - bpp]! : 0;
    const up = previous[i]!;
    const upLeft = i >= bpp ? previous[i - bpp]! : 0;
    let add: number;
    if (type === 0) add = 0;
    else if (type === 1) add = left;
    else if (type === 2) add = up;
    else if (type === 3) add = (left + up) >> 1;
    else if (type === 4) {
      const p = left + up - upLeft;
      const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
      add = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
    } else throw new Error(`PNG: unknown filter type ${type}`);
    line[i] = (line[i]! + add) & 0xff;
  }
}

/**
 * Decodes a non-interlaced 8-bit PNG (grey, RGB, grey + alpha or RGBA: what resvg writes) to RGBA
 * pixels. Throws on a bad signature, a chunk whose CRC is wrong, missing chunks or pixel data of the
 * wrong length.
 */
export function decodePng(bytes: Uint8Array): DecodedPng {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!SIGNATURE.every((b, i) => buf[i] === b)) throw new Error('PNG: bad signature');
  let offset = 8;
  let header: { width: number; height: number; depth: number; colour: number; interlace: number } | null =
    null;
  const data: Buffer[] = [];
  let ended = false;
  while (offset < buf.length && !ended) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('latin1', offset + 4, offset + 8);
    const body = buf.subarray(offset + 8, offset + 8 + length);
    const crc = buf.readUInt32BE(offset + 8 + length);
    if (crc32(buf.subarray(offset + 4, offset + 8 + length)) !== crc)
      throw new Error(`PNG: bad CRC in ${type}`);
    if (type === 'IHDR')
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        depth: body[8]!,
        colour: body[9]!,
        interlace: body[12]!,
      };
    else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') ended = true;
    offset += 12 + length;
  }
  if (!header || !ended || !data.length) throw new Error('PNG: missing IHDR, IDAT or IEND');
  const channels = CHANNELS[header.colour];
  if (header.depth !== 8 || !channels || header.interlace !== 0)
    throw new Error(
      `PNG: unsupported (depth ${header.depth}, colour ${header.colour}, interlaced ${header.interlace})`,
    );
  const { width, height } = header;
  const stride = width * channels;
  const raw = inflateSync(Buffer.concat(data));
  if (raw.length !== height * (stride + 1))
    throw new Error(`PNG: ${raw.length} bytes of pixel data for ${width}x${height}`);
  const pixels = new Uint8Array(width * height * 4);
  let previous = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const start = y * (stride + 1);
    const line = new Uint8Array(raw.subarray(start + 1, start + 1 + stride));
    unfilter(raw[start]!, line, previous, channels);
    for (let x = 0; x < width; x++) {
      const px = line.subarray(x * channels, (x + 1) * channels);
      const rgba =
        channels === 4
          ? px
          : channels === 3
            ? [...px, 255]
            : channels === 2
              ? [px[0]!, px[0]!, px[0]!, px[1]!]
              : [px[0]!, px[0]!, px[0]!, 255];
      pixels.set(rgba, (y * width + x) * 4);
    }
    previous = line;
  }
  return { width, height, pixels };
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
