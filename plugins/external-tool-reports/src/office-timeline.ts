// Office Timeline export (reference §2.10): an XLSX with Row ID | Swimlane | Title | Start date | End
// date. Fixes: dates are real Excel dates (the original wrote text), a tag with no filtered events is
// left out instead of failing with HTTP 500, only this engagement's tags are read, and events come
// oldest first like every other report.
import { eventReport, type ReportEvent, z } from '@steppingstones/plugin-sdk';
import { firstSentence } from '@steppingstones/plugin-sdk/report-text';
import ExcelJS from 'exceljs';

const paramsSchema = z.object({
  eventTitles: z
    .enum(['description', 'outcome'])
    // What was done reads as a timeline; an Outcome is often empty or a result ("+1 admin").
    .default('description')
    .describe('Event titles are the first sentence of the Description or of the Outcome'),
  includeTags: z.boolean().default(true).describe('Include tag timespans'),
  includeTactics: z.boolean().default(false).describe('Include MITRE tactic timespans'),
});

export type TimelineRow = [string | number, string, string, Date, Date | null];

/** Midnight UTC of the event's UTC date: Office Timeline works in whole days. */
function day(iso: string): Date {
  const d = new Date(iso);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

function span(events: ReportEvent[]): [Date, Date | null] {
  const days = events.flatMap((e) => [day(e.startAt), ...(e.endAt ? [day(e.endAt)] : [])]);
  const min = new Date(Math.min(...days.map(Number)));
  const max = new Date(Math.max(...days.map(Number)));
  return [min, max > min ? max : null];
}

export function timelineRows(
  events: ReportEvent[],
  tactics: { mitreId: string; name: string }[],
  params: z.output<typeof paramsSchema>,
): TimelineRow[] {
  const rows: TimelineRow[] = [];
  for (const e of events) {
    const title = firstSentence(params.eventTitles === 'description' ? e.description : e.outcome);
    if (!title) continue;
    const start = day(e.startAt);
    const end = e.endAt ? day(e.endAt) : null;
    rows.push([e.id, 'Events', title, start, end && end > start ? end : null]);
  }
  if (params.includeTactics) {
    for (const t of tactics) {
      const used = events.filter((e) => e.tactic?.mitreId === t.mitreId);
      if (used.length) rows.push([t.mitreId, 'MITRE Tactics', `${t.mitreId} ${t.name}`, ...span(used)]);
    }
  }
  if (params.includeTags) {
    const names = [...new Set(events.flatMap((e) => e.tags))].sort((a, b) => a.localeCompare(b, 'en'));
    for (const name of names) {
      const tagged = events.filter((e) => e.tags.includes(name));
      rows.push([`Tag_${name}`, 'Tags', name, ...span(tagged)]);
    }
  }
  return rows;
}

export const officeTimelineExport = eventReport({
  key: 'office-timeline-export',
  title: 'Office Timeline export (XLSX)',
  category: 'External Tools',
  icon: 'clock',
  description: 'The filtered events (and tag / tactic spans) as an Office Timeline import spreadsheet.',
  requires: ['report.view'],
  output: 'file',
  paramsSchema,
  async render(ctx) {
    const rows = timelineRows(await ctx.events.list(), await ctx.attack.tactics(), ctx.params);
    const book = new ExcelJS.Workbook();
    book.created = ctx.clock.now();
    book.modified = ctx.clock.now();
    const sheet = book.addWorksheet('Timeline');
    sheet.columns = [
      { header: 'Row ID', key: 'id', width: 14 },
      { header: 'Swimlane', key: 'lane', width: 16 },
      { header: 'Title', key: 'title', width: 60 },
      { header: 'Start date', key: 'start', width: 12, style: { numFmt: 'yyyy-mm-dd' } },
      { header: 'End date', key: 'end', width: 12, style: { numFmt: 'yyyy-mm-dd' } },
    ];
    // Text cells are set as rich-free strings; exceljs never turns a string into a formula, so a
    // description like `=cmd|…` stays text.
    for (const [id, lane, title, start, end] of rows)
      sheet.addRow({ id, lane, title, start, end: end ?? undefined });
    const data = new Uint8Array(await book.xlsx.writeBuffer());
    return {
      kind: 'file',
      filename: 'officetimeline.xlsx',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      data,
    };
  },
});
