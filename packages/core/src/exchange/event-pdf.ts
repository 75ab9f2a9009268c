import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';
import type { DB } from '@steppingstones/db';
import type { Kysely } from 'kysely';
import PDFDocument from 'pdfkit';
import type { Principal } from '../permissions/index.ts';
import { attackNames } from './attack-name-map.ts';
import { type AttackNames, DETECTED_LABELS, type ExchangeEvent, PREVENTED_LABELS } from './event-columns.ts';
import { describeEventFilter } from './event-filter-summary.ts';
import { type ImageArea, PdfImages } from './event-pdf-images.ts';
import { type ExportFilter, exportEventPages } from './export-rows.ts';

const require = createRequire(import.meta.url);
// Noto covers Latin, Greek and Cyrillic host and user names; PDF's built-in fonts are Latin-1 only.
const FONTS = {
  body: require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'),
  mono: require.resolve('@expo-google-fonts/noto-sans-mono/400Regular/NotoSansMono_400Regular.ttf'),
};

/**
 * A PDF is read, not processed: past this many events it stops and says so on its first page (CSV and
 * XLSX carry any number). Every page is kept until the end to number them "n of m".
 */
export const PDF_EVENT_LIMIT = 5000;
/** A cell longer than this is cut with a note, so one huge evidence blob cannot fill fifty pages. */
const CELL_LINES = 40;
const CELL_CHARS = 3000;

const MARGIN = 30;
const FONT_SIZE = 7;
const PAD = 2;

interface Column {
  title: string;
  width: number;
  font: keyof typeof FONTS;
  text(e: ExchangeEvent, names: AttackNames): string;
}

const contextText = (c: ExchangeEvent['source']) => [c.host, c.user, c.process].filter(Boolean).join('\n');
const attackText = (e: ExchangeEvent, names: AttackNames) =>
  [e.mitre_attack_tactic, e.mitre_attack_subtechnique ?? e.mitre_attack_technique]
    .filter((id): id is string => Boolean(id))
    .map((id) => `${id} ${names.get(id) ?? ''}`.trim())
    .join('\n');

// Landscape A4 is 842 pt wide; the widths add up to the space between the margins.
const COLUMNS: Column[] = [
  { title: 'Time (UTC)', width: 58, font: 'body', text: (e) => timeText(e) },
  { title: 'Operator', width: 46, font: 'body', text: (e) => e.operator ?? '' },
  { title: 'Source', width: 72, font: 'body', text: (e) => contextText(e.source) },
  { title: 'Target', width: 72, font: 'body', text: (e) => contextText(e.target) },
  { title: 'ATT&CK', width: 76, font: 'body', text: attackText },
  { title: 'Description', width: 136, font: 'body', text: (e) => e.description },
  { title: 'Raw evidence', width: 186, font: 'mono', text: (e) => e.raw_evidence },
  { title: 'Outcome', width: 52, font: 'body', text: (e) => e.outcome },
  { title: 'Detect', width: 42, font: 'body', text: (e) => DETECTED_LABELS[e.detected] ?? e.detected },
  { title: 'Prevent', width: 42, font: 'body', text: (e) => PREVENTED_LABELS[e.prevented] ?? e.prevented },
];

function timeText(e: ExchangeEvent): string {
  const start = e.timestamp.replace('T', ' ').replace(/\.\d+Z$|Z$/, '');
  if (!e.timestamp_end) return start;
  return `${start}\nto ${e.timestamp_end.replace('T', ' ').replace(/\.\d+Z$|Z$/, '')}`;
}

/** Cuts a cell to what fits a page, saying how much was left out. */
function cellText(text: string): string {
  const lines = text.split(/\r?\n/);
  let kept = lines.slice(0, CELL_LINES).join('\n');
  if (kept.length > CELL_CHARS) kept = kept.slice(0, CELL_CHARS);
  if (kept.length === text.length) return text;
  return `${kept}\n[… ${text.length - kept.length} more characters: see the CSV or the event]`;
}

export interface EventPdfHeading {
  engagementCode: string;
  engagementName: string;
  /** When the document was made (epoch ms, from the caller's clock). */
  generatedAt: number;
  generatedBy: string;
  /** Embed the images attached to each event (those the reader may see) under its row. */
  images?: boolean;
  /** ATTACHMENTS_S3_URL, to read images stored in the bucket. */
  attachmentsS3Url?: string | undefined;
}

/**
 * Reads the first page now, so an unknown engagement, a non-member or a bad filter answers 404 / 400
 * before a response starts; the returned function then writes the PDF to `out`. Rows come from the
 * export walk, so the viewer's redaction applies exactly as in the grid and the CSV.
 */
export async function prepareEventsPdf(
  db: Kysely<DB>,
  principal: Principal,
  filter: ExportFilter,
  heading: Omit<EventPdfHeading, 'engagementName'>,
): Promise<(out: Writable) => Promise<void>> {
  const pages = exportEventPages(db, principal, filter);
  const first = await pages.next();
  const names = await attackNames(db);
  const engagement = await db
    .selectFrom('engagement')
    .select('name')
    .where('code', '=', heading.engagementCode)
    .executeTakeFirst();
  const fullHeading = { ...heading, engagementName: engagement?.name ?? heading.engagementCode };
  return async (out) => {
    const doc = new PDFDocument({
      size: 'A4',
      layout: 'landscape',
      margins: { top: MARGIN, bottom: MARGIN + 12, left: MARGIN, right: MARGIN },
      bufferPages: true,
      info: {
        Title: `${fullHeading.engagementName}: event log`,
        Creator: 'Stepping Stones',
        CreationDate: new Date(heading.generatedAt),
      },
    });
    for (const [name, file] of Object.entries(FONTS)) doc.registerFont(name, file);
    doc.pipe(out);
    const writer = new TableWriter(doc, names);
    const images = heading.images ? new PdfImages(db, heading.attachmentsS3Url) : null;
    writer.title(fullHeading, describeEventFilter(filter));
    let written = 0;
    let more = false;
    let page = first.done ? [] : first.value.events;
    outer: while (page.length) {
      for (const event of page) {
        if (written === PDF_EVENT_LIMIT) {
          more = true;
          break outer;
        }
        writer.row(event);
        if (images) await images.write(writer, event.attachments);
        written += 1;
      }
      if (out.destroyed) break;
      const next = await pages.next();
      page = next.done ? [] : next.value.events;
    }
    await pages.return(undefined);
    writer.finish(written, more, fullHeading);
    doc.end();
    await new Promise<void>((resolve, reject) => {
      out.once('finish', resolve);
      out.once('close', resolve);
      out.once('error', reject);
    });
  };
}

/** Lays out the heading, the table with its header repeated on every page, and the page footers. */
class TableWriter implements ImageArea {
  private y = 0;
  readonly left = MARGIN;
  private readonly countLineY: number;

  constructor(
    readonly doc: PDFKit.PDFDocument,
    private readonly names: AttackNames,
  ) {
    this.countLineY = MARGIN + 34;
  }

  title(heading: EventPdfHeading, filterText: string): void {
    const { doc } = this;
    doc
      .font('bold')
      .fontSize(14)
      .text(`${heading.engagementName} (${heading.engagementCode})`, this.left, MARGIN);
    doc
      .font('body')
      .fontSize(8)
      .text(`Event log · ${filterText}`, this.left, MARGIN + 20);
    // The count line is written at the end, when it is known (see finish).
    this.y = this.countLineY + 14;
    this.header();
  }

  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  private header(): void {
    const { doc } = this;
    doc.font('bold').fontSize(FONT_SIZE);
    const height = FONT_SIZE + 2 * PAD + 3;
    doc.rect(this.left, this.y, this.tableWidth, height).fill('#e8ebf0').fillColor('black');
    let x = this.left;
    for (const column of COLUMNS) {
      doc.text(column.title, x + PAD, this.y + PAD, { width: column.width - 2 * PAD, lineBreak: false });
      x += column.width;
    }
    this.y += height;
  }

  private get tableWidth(): number {
    return COLUMNS.reduce((sum, c) => sum + c.width, 0);
  }

  row(event: ExchangeEvent): void {
    const { doc } = this;
    doc.fontSize(FONT_SIZE);
    const cells = COLUMNS.map((column) => cellText(column.text(event, this.names)));
    const height =
      Math.max(
        ...COLUMNS.map((column, i) =>
          doc.font(column.font).heightOfString(cells[i] || ' ', { width: column.width - 2 * PAD }),
        ),
      ) +
      2 * PAD;
    if (this.y + height > this.bottom) {
      doc.addPage();
      this.y = doc.page.margins.top;
      this.header();
    }
    let x = this.left;
    COLUMNS.forEach((column, i) => {
      doc.font(column.font).text(cells[i] ?? '', x + PAD, this.y + PAD, { width: column.width - 2 * PAD });
      x += column.width;
    });
    this.y += height;
    doc
      .moveTo(this.left, this.y)
      .lineTo(this.left + this.tableWidth, this.y)
      .lineWidth(0.3)
      .strokeColor('#b8bfc9')
      .stroke();
  }

  /** Space under the last row (images), on a new page with the header when it does not fit. */
  reserve(height: number): number {
    if (this.y + height > this.bottom) {
      this.doc.addPage();
      this.y = this.doc.page.margins.top;
      this.header();
    }
    const top = this.y;
    this.y += height;
    return top;
  }

  finish(written: number, more: boolean, heading: EventPdfHeading): void {
    const { doc } = this;
    if (written === 0) {
      doc
        .font('body')
        .fontSize(9)
        .text('No events match this filter.', this.left, this.y + 8);
    }
    const range = doc.bufferedPageRange();
    const generated = new Date(heading.generatedAt).toISOString().replace('T', ' ').slice(0, 16);
    for (let i = range.start; i < range.start + range.count; i += 1) {
      doc.switchToPage(i);
      // Writing inside the bottom margin would otherwise start a new page.
      const bottomMargin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc
        .font('body')
        .fontSize(7)
        .fillColor('#555555')
        .text(
          `Generated with Stepping Stones by ${heading.generatedBy}, ${generated} UTC`,
          this.left,
          doc.page.height - MARGIN,
          { lineBreak: false },
        )
        .text(`Page ${i - range.start + 1} of ${range.count}`, this.left, doc.page.height - MARGIN, {
          width: this.tableWidth,
          align: 'right',
          lineBreak: false,
        });
      doc.page.margins.bottom = bottomMargin;
    }
    doc.switchToPage(range.start);
    const count = more
      ? `The first ${PDF_EVENT_LIMIT.toLocaleString('en')} events, oldest first: the filter matches more. Narrow the filter, or export CSV or XLSX for all of them.`
      : `${written.toLocaleString('en')} ${written === 1 ? 'event' : 'events'}, oldest first.`;
    doc
      .font('body')
      .fontSize(8)
      .fillColor(more ? '#a61b1b' : 'black')
      .text(count, this.left, this.countLineY, {
        lineBreak: false,
      });
  }
}
