// Markdown "Event Logs" (reference §2.3): kramdown-style Markdown with an embedded HTML table whose
// cells hold Markdown (`markdown="1"`), so it pastes into a kramdown/pandoc report template.
import {
  type EventFilter,
  eventReport,
  type ReportC2Action,
  type ReportContext,
  type ReportEvent,
  z,
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

const paramsSchema = z.object({
  includeC2Actions: z
    .boolean()
    .default(false)
    .describe('Add the C2 operator actions not cloned to an event (for readers who may see C2 data)'),
});

/** An uncloned C2 action as a row: its task, command and output, the session it ran on. */
function c2ActionRow(a: ReportC2Action): string {
  const evidence = a.output ? `${a.input}\n\n${a.output}` : a.input;
  const fence = fenceFor(evidence);
  const detail = [
    `**${md(a.task || a.input)}**`,
    `${fence}\n${evidence.replace(/\s+$/, '')}\n${fence}`,
    md(`Target: ${a.target.user} on ${a.target.host} (${a.target.process})`),
    md(`Operator: ${a.operator}`),
  ].join('\n\n');
  return [
    '<tr>',
    `<td>${formatRange(a.start, null)}</td>`,
    `<td markdown="1">\n\n${a.attackIds.length ? `**${md(a.attackIds.join(', '))}**` : '\\-'}\n\n</td>`,
    `<td markdown="1">\n\n${detail}\n\n</td>`,
    '</tr>',
  ].join('\n');
}

/** The report a page of events at a time: it streams and never holds every event. */
async function* eventLogMarkdown(ctx: ReportContext<z.output<typeof paramsSchema>>): AsyncGenerator<string> {
  yield `${intro()}\n\n${TABLE_START}\n`;
  for await (const page of ctx.events.pages()) yield page.map((e) => `${eventRow(e, ctx.filter)}\n`).join('');
  yield '</tbody>\n</table>\n';
  if (!ctx.params.includeC2Actions || !ctx.hasPermission('c2.view')) return;
  const actions = await ctx.c2.actions({ notCloned: true });
  if (actions.length === 0) return;
  yield [
    '',
    '## C2 actions not cloned to events',
    '',
    'Commands operators ran through command and control sessions that are not in the table above.',
    '',
    '<table>',
    '<colgroup>',
    '<col style="width: 14mm"/>',
    '<col style="width: 23mm"/>',
    '<col/>',
    '</colgroup>',
    '<thead>',
    '<tr><th>Date Time</th><th>ATT&amp;CK</th><th>Detail</th></tr>',
    '</thead>',
    '<tbody>',
    ...actions.map(c2ActionRow),
    '</tbody>',
    '</table>',
    '',
  ].join('\n');
}

export const markdownEventLogs = eventReport({
  key: 'markdown-event-logs',
  title: 'Event Logs',
  category: 'Markdown',
  icon: 'markdown',
  description: 'The filtered events as a kramdown table with detection and prevention, oldest first.',
  requires: ['report.view'],
  output: 'markdown',
  paramsSchema,
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
