import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import { readEmbeddableImage } from '../attachments/attachment.image.ts';
import type { ExchangeAttachment } from './event-columns.ts';

/** pdfkit embeds PNG and JPEG; GIF and WebP are named instead (the event page shows them). */
const EMBEDDED_TYPES = new Set(['image/png', 'image/jpeg']);
/** A PDF stays a document to read: past this many images, the rest are named, not embedded. */
export const PDF_IMAGE_LIMIT = 300;
const MAX_WIDTH = 320;
const MAX_HEIGHT = 220;
const CAPTION = 6.5;
const GAP = 4;

/** An image pdfkit has decoded (`openImage`, which its type definitions leave out): drawn as is. */
interface OpenedImage {
  width: number;
  height: number;
}

/** Decodes once, so the size is known before the space is reserved and the bytes are not read twice. */
function openImage(doc: PDFKit.PDFDocument, bytes: Buffer): OpenedImage {
  return (doc as unknown as { openImage(src: Buffer): OpenedImage }).openImage(bytes);
}

/** Where the images go: the table writer's space on the page, in points. */
export interface ImageArea {
  readonly doc: PDFKit.PDFDocument;
  readonly left: number;
  /** Reserves `height` below the last row (a new page, with the table header, when it does not fit); returns its top. */
  reserve(height: number): number;
}

/**
 * Writes the images attached to each event under its row: each scaled to fit (never enlarged) with its
 * name under it. Attachments are those the reader may see (the export walk's), so the blue team's PDF
 * holds only shared images. One that cannot be embedded (GIF, WebP, too large, a broken file, past the
 * document's limit) is named with the reason.
 */
export class PdfImages {
  private embedded = 0;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly s3Url: string | undefined,
  ) {}

  async write(area: ImageArea, attachments: readonly ExchangeAttachment[] | undefined): Promise<void> {
    for (const a of attachments ?? []) {
      if (!a.content_type.startsWith('image/')) continue;
      const why = await this.place(area, a);
      if (why) this.note(area, `${a.filename}: ${why}`);
    }
  }

  /** Embeds one image; returns why it was not, or null. */
  private async place(area: ImageArea, a: ExchangeAttachment): Promise<string | null> {
    if (!EMBEDDED_TYPES.has(a.content_type))
      return 'GIF and WebP images are not embedded in the PDF (see the event)';
    if (this.embedded >= PDF_IMAGE_LIMIT)
      return `not embedded: the PDF holds the first ${PDF_IMAGE_LIMIT} images (see the event)`;
    const bytes = await readEmbeddableImage(this.db, this.s3Url, a);
    if (!bytes) return 'too large to embed (see the event)';
    let image: OpenedImage;
    try {
      image = openImage(area.doc, bytes);
    } catch {
      return 'the image could not be read (see the event)';
    }
    const scale = Math.min(1, MAX_WIDTH / image.width, MAX_HEIGHT / image.height);
    const width = image.width * scale;
    const height = image.height * scale;
    const top = area.reserve(height + CAPTION + 2 * GAP);
    // pdfkit draws an opened image when given one in place of the bytes.
    area.doc.image(image as unknown as Buffer, area.left + GAP, top + GAP, { width, height });
    area.doc
      .font('body')
      .fontSize(CAPTION)
      .fillColor('#555555')
      .text(a.filename, area.left + GAP, top + GAP + height + 1, { lineBreak: false })
      .fillColor('black');
    this.embedded += 1;
    return null;
  }

  private note(area: ImageArea, text: string): void {
    const top = area.reserve(CAPTION + 2 * GAP);
    area.doc
      .font('body')
      .fontSize(CAPTION)
      .fillColor('#555555')
      .text(text, area.left + GAP, top + GAP, { lineBreak: false })
      .fillColor('black');
  }
}
