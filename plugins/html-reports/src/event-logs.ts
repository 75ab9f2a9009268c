// HTML "Event Logs" (reference §2.1): an intro, the definitions and a table that pastes into Word with
// its colours (cell `bgcolor` and inline styles, which Word keeps).
import {
  type EventFilter,
  eventReport,
  type HtmlChild,
  h,
  type ReportContext,
  type ReportEvent,
  z,
} from '@steppingstones/plugin-sdk';
import {
  afterFirstSentence,
  contextLines,
  DETECTED_LABELS,
  DETECTED_MEANINGS,
  fileLine,
  firstSentence,
  formatRange,
  PREVENTED_LABELS,
  PREVENTED_MEANINGS,
  titleCase,
  ttpOf,
  visibleTags,
} from '@steppingstones/plugin-sdk/report-text';

const COLOURS: Record<string, string> = { FUL: 'DarkSeaGreen', PAR: 'lemonchiffon', NEG: 'darkred' };
/** White text on dark red, so "No Trace" / "Not Prevented" stay readable (the original used black). */
const TEXT_COLOURS: Record<string, string> = { NEG: 'white' };
const CELL = { border: '1px solid #999', verticalAlign: 'top' } as const;
/** Screenshots are shown at most this wide in the Detail cell (Word keeps the width attribute). */
const IMAGE_WIDTH = 480;
/** Events per page when images are embedded: a page's images are held until its rows are written. */
const IMAGE_PAGE_SIZE = 20;

const paramsSchema = z.object({
  includeImages: z.boolean().default(false).meta({
    title: 'Include images',
    description:
      'Embed the screenshots attached to each event (PNG, JPEG, GIF, WebP) in its Detail cell; blue team readers get only shared ones',
  }),
});
type Params = z.output<typeof paramsSchema>;

function intro(): HtmlChild[] {
  const defs = (title: string, labels: Record<string, string>, meanings: [string, string][]) =>
    h(
      'li',
      null,
      h('strong', null, `${title}:`),
      h(
        'ul',
        null,
        meanings.map(([code, meaning]) => h('li', null, h('em', null, labels[code]), ` - ${meaning}`)),
      ),
    );
  return [
    h(
      'p',
      null,
      'The following table lists the actions performed during the exercise. Defenders should work through ' +
        'it retrospectively to find any traces the activity left and to assess how it was prevented and detected.',
    ),
    h('p', null, h('strong', null, 'Note:')),
    h(
      'ul',
      null,
      h('li', null, 'All times are represented in UTC.'),
      h(
        'li',
        null,
        'The following definitions are used:',
        h(
          'ul',
          null,
          defs('Detected', DETECTED_LABELS, DETECTED_MEANINGS),
          defs('Prevented', PREVENTED_LABELS, PREVENTED_MEANINGS),
        ),
      ),
    ),
  ];
}

function ttpCell(e: ReportEvent): HtmlChild {
  const ttp = ttpOf(e);
  return h('td', { style: CELL }, ttp ? [h('strong', null, ttp.id), h('br'), ttp.names] : '-');
}

/**
 * The event's images as `<img>` elements with their names: each embedded in the page as a `data:` URI
 * (the report loads nothing); one too large to embed is named instead.
 */
async function imagesOf(e: ReportEvent, ctx: ReportContext<Params>): Promise<HtmlChild[]> {
  const out: HtmlChild[] = [];
  for (const a of e.attachments) {
    if (!a.contentType.startsWith('image/')) continue;
    const src = await ctx.attachments.imageDataUri(a.id);
    out.push(
      src
        ? h(
            'p',
            null,
            h('img', { src, alt: a.filename, title: a.filename, width: IMAGE_WIDTH }),
            h('br'),
            a.filename,
          )
        : h('p', null, h('em', null, `${a.filename} (too large to embed: see the event)`)),
    );
  }
  return out;
}

function detailCell(e: ReportEvent, filter: EventFilter, images: HtmlChild[] = []): HtmlChild {
  const out: HtmlChild[] = [];
  const tags = visibleTags(e, filter);
  if (tags.length) out.push(h('span', null, tags.map((t) => `[${titleCase(t)}]`).join(' ')), h('br'));
  out.push(h('strong', null, firstSentence(e.description)));
  const rest = afterFirstSentence(e.description)
    .split(/(?:\r?\n)+/)
    .filter((l) => l.trim());
  for (const line of rest) out.push(h('br'), line);
  const context = contextLines(e);
  if (context.length)
    out.push(
      h(
        'p',
        null,
        context.flatMap((l, i) => (i ? [h('br'), l] : [l])),
      ),
    );
  if (e.files.length) {
    out.push(
      h('p', null, e.files.length === 1 ? 'Associated File' : 'Associated Files'),
      h(
        'ul',
        null,
        e.files.map((f) => h('li', null, fileLine(f))),
      ),
    );
  }
  if (e.outcome.trim()) out.push(h('p', null, h('strong', null, 'Outcome:'), ` ${e.outcome.trim()}`));
  out.push(...images);
  return h('td', { style: CELL }, out);
}

function statusCell(code: string, labels: Record<string, string>, colourNa: boolean): HtmlChild {
  const colour = code === 'UNK' || (code === 'N/A' && !colourNa) ? undefined : COLOURS[code];
  const text = TEXT_COLOURS[code];
  return h(
    'td',
    colour
      ? { bgcolor: colour, style: { ...CELL, backgroundColor: colour, ...(text ? { color: text } : {}) } }
      : { style: CELL },
    labels[code] ?? code,
  );
}

export function eventRow(e: ReportEvent, filter: EventFilter, images: HtmlChild[] = []): HtmlChild {
  return h(
    'tr',
    null,
    h('td', { style: { ...CELL, whiteSpace: 'nowrap' } }, formatRange(e.startAt, e.endAt)),
    ttpCell(e),
    detailCell(e, filter, images),
    statusCell(e.detected, DETECTED_LABELS, false),
    statusCell(e.prevented, PREVENTED_LABELS, false),
  );
}

/** The table's rows, a page of events at a time: the report streams and never holds every event. */
async function* rowPages(ctx: ReportContext<Params>): AsyncGenerator<HtmlChild[]> {
  if (!ctx.params.includeImages) {
    for await (const page of ctx.events.pages()) yield page.map((e) => eventRow(e, ctx.filter));
    return;
  }
  for await (const page of ctx.events.pages({ pageSize: IMAGE_PAGE_SIZE })) {
    const rows: HtmlChild[] = [];
    for (const e of page) rows.push(eventRow(e, ctx.filter, await imagesOf(e, ctx)));
    yield rows;
  }
}

export const htmlEventLogs = eventReport({
  key: 'html-event-logs',
  title: 'Event Logs',
  category: 'HTML',
  icon: 'table',
  description:
    'The filtered events as a table with detection and prevention, oldest first; pastes into Word.',
  requires: ['report.view'],
  output: 'html',
  paramsSchema,
  // It streams, so its size is the engagement's: give a large one the time it needs.
  timeoutMs: 300_000,
  render(ctx) {
    const header = ['Date Time', 'TTP', 'Detail', 'Detected', 'Prevented'].map((t) =>
      h('th', { bgcolor: '#dddddd', style: { ...CELL, backgroundColor: '#dddddd', textAlign: 'left' } }, t),
    );
    const table = h(
      'table',
      { style: { border: '1px solid #999' } },
      h('thead', null, h('tr', null, header)),
      h('tbody', null, rowPages(ctx)),
    );
    return { kind: 'html', body: [...intro(), table], filename: `${ctx.engagement.code}-event-logs` };
  },
});
