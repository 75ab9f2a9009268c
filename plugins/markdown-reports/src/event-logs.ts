// Markdown "Event Logs" (reference §2.3): kramdown-style Markdown with an embedded HTML table whose
// cells hold Markdown (`markdown="1"`), so it pastes into a kramdown/pandoc report template.
import {
  type EventFilter,
  eventReport,
  type ReportContext,
  type ReportEvent,
} from '@steppingstones/plugin-sdk';
import {
  afterFirstSentence,
  contextLines,
  DETECTED_LABELS,
  DETECTED_MEANINGS,
  fenceFor,
  fileLine,
  firstSentence,
  formatRange,
  md,
  mdParagraphs,
  PREVENTED_LABELS,
  PREVENTED_MEANINGS,
  titleCase,
  ttpOf,
  visibleTags,
} from './report-text.ts';

const COLOURS: Record<string, string> = { FUL: 'green', PAR: 'yellow', NEG: 'red' };

export function intro(): string {
  const defs = (title: string, labels: Record<string, string>, meanings: [string, string][]) => [
    `    * **${title}**:`,
    ...meanings.map(([code, meaning]) => `        * *${labels[code]}* - ${meaning}`),
  ];
  return [
    'The following table lists the actions performed during the exercise. Defenders should work through ' +
      'it retrospectively to find any traces the activity left and to assess how it was prevented and detected.',
    '',
    '* All times are represented in UTC.',
    '* The following definitions are used:',
    ...defs('Detected', DETECTED_LABELS, DETECTED_MEANINGS),
    ...defs('Prevented', PREVENTED_LABELS, PREVENTED_MEANINGS),
  ].join('\n');
}

function detailCell(e: ReportEvent, filter: EventFilter): string {
  const parts: string[] = [];
  const tags = visibleTags(e, filter);
  if (tags.length) parts.push(`#### ${tags.map((t) => md(`[${titleCase(t)}]`)).join(' ')}`);
  parts.push(`**${md(firstSentence(e.description))}**`);
  const rest = mdParagraphs(afterFirstSentence(e.description));
  if (rest) parts.push(rest);
  if (e.rawEvidence.trim()) {
    const fence = fenceFor(e.rawEvidence);
    parts.push(`${fence}\n${e.rawEvidence.replace(/\s+$/, '')}\n${fence}`);
  }
  for (const line of contextLines(e)) parts.push(md(line));
  if (e.files.length) {
    parts.push(e.files.length === 1 ? 'Associated File:' : 'Associated Files:');
    parts.push(e.files.map((f) => `* ${md(fileLine(f))}`).join('\n'));
  }
  if (e.outcome.trim()) parts.push(`**Outcome:** ${md(e.outcome.trim())}`);
  return parts.join('\n\n');
}

function statusCell(code: string, labels: Record<string, string>): string {
  const colour = COLOURS[code];
  return `<td${colour ? ` bgcolor="${colour}"` : ''}>${labels[code] ?? code}</td>`;
}

export function eventRow(e: ReportEvent, filter: EventFilter): string {
  const ttp = ttpOf(e);
  return [
    '<tr>',
    `<td>${formatRange(e.startAt, e.endAt)}</td>`,
    `<td markdown="1">\n\n${ttp ? `**${ttp.id}**\n\n${md(ttp.names)}` : '\\-'}\n\n</td>`,
    `<td markdown="1">\n\n${detailCell(e, filter)}\n\n</td>`,
    statusCell(e.detected, DETECTED_LABELS),
    statusCell(e.prevented, PREVENTED_LABELS),
    '</tr>',
  ].join('\n');
}

const TABLE_START = [
  '<table>',
  '<colgroup>',
  '<col style="width: 14mm"/>',
  '<col style="width: 23mm"/>',
  '<col/>',
  '<col style="width: 12mm"/>',
  '<col style="width: 12mm"/>',
  '</colgroup>',
  '<thead>',
  '<tr><th>Date Time</th><th>TTP</th><th>Detail</th><th>Detected</th><th>Prevented</th></tr>',
  '</thead>',
  '<tbody>',
].join('\n');

/** The report a page of events at a time: it streams and never holds every event. */
async function* eventLogMarkdown(ctx: ReportContext): AsyncGenerator<string> {
  yield `${intro()}\n\n${TABLE_START}\n`;
  for await (const page of ctx.events.pages()) yield page.map((e) => `${eventRow(e, ctx.filter)}\n`).join('');
  yield '</tbody>\n</table>\n';
}

export const markdownEventLogs = eventReport({
  key: 'markdown-event-logs',
  title: 'Event Logs',
  category: 'Markdown',
  icon: 'markdown',
  description: 'The filtered events as a kramdown table with detection and prevention, oldest first.',
  requires: ['report.view'],
  output: 'markdown',
  // It streams, so its size is the engagement's: give a large one the time it needs.
  timeoutMs: 300_000,
  render(ctx) {
    return {
      kind: 'markdown',
      markdown: eventLogMarkdown(ctx),
      filename: `${ctx.engagement.code}-event-logs`,
    };
  },
});
