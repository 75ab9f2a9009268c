// The events as a Ghostwriter operation-log CSV, in the column order of Ghostwriter's current
// OplogEntryResource export (so its Import accepts it): entry_identifier … extra_fields, oplog_id.
// `entry_identifier` is stable per event, so importing again updates the entries instead of copying.
import {
  csvRecord,
  eventReport,
  neutraliseCell,
  type ReportContext,
  type ReportEvent,
  z,
} from '@steppingstones/plugin-sdk';
import { DETECTED_LABELS, PREVENTED_LABELS } from '@steppingstones/plugin-sdk/report-text';

export const OPLOG_COLUMNS = [
  'entry_identifier',
  'start_date',
  'end_date',
  'source_ip',
  'dest_ip',
  'tool',
  'user_context',
  'command',
  'description',
  'output',
  'comments',
  'operator_name',
  'tags',
  'extra_fields',
  'oplog_id',
] as const;

const paramsSchema = z.object({
  oplogId: z
    .number()
    .int()
    .min(1)
    .default(1)
    .describe('The id of the Ghostwriter operation log to import into'),
});

/** Ghostwriter separates tags with commas: a comma inside a tag would split it. */
const tag = (t: string) => t.replace(/,/g, ' ').trim();

function tagsOf(e: ReportEvent): string[] {
  const out = [e.tactic?.mitreId, e.technique?.mitreId, e.subtechnique?.mitreId].filter(
    (t): t is string => !!t,
  );
  out.push(
    `detected:${DETECTED_LABELS[e.detected] ?? e.detected}`,
    `prevented:${PREVENTED_LABELS[e.prevented] ?? e.prevented}`,
  );
  out.push(...e.tags);
  return out.map(tag).filter(Boolean);
}

export function oplogRow(e: ReportEvent, engagementCode: string, oplogId: number): string[] {
  const attack = [e.tactic, e.technique, e.subtechnique]
    .filter((a) => a)
    .map((a) => `${a?.mitreId} ${a?.name}`)
    .join(' / ');
  const comments = [
    attack && `ATT&CK: ${attack}`,
    `Detected: ${DETECTED_LABELS[e.detected] ?? e.detected}`,
    `Prevented: ${PREVENTED_LABELS[e.prevented] ?? e.prevented}`,
    e.outcome.trim() && `Outcome: ${e.outcome.trim()}`,
  ].filter(Boolean);
  const cells = [
    `stepping-stones:${engagementCode}:${e.id}`,
    e.startAt,
    e.endAt ?? e.startAt,
    e.source?.host ?? '',
    e.target?.host ?? '',
    e.source?.process ?? '',
    e.source?.user ?? '',
    e.rawEvidence,
    e.description,
    e.outcome,
    comments.join('\n'),
    e.operator,
    tagsOf(e).join(','),
    JSON.stringify({ stepping_stones_event: e.id, engagement: engagementCode }),
    String(oplogId),
  ];
  // Opening the CSV in Excel must never run `=cmd|…`.
  return cells.map(neutraliseCell);
}

export const ghostwriterOplogCsv = eventReport({
  key: 'ghostwriter-oplog-csv',
  title: 'Ghostwriter operation log (CSV)',
  category: 'External Tools',
  icon: 'download',
  description:
    'The filtered events as a CSV that Ghostwriter’s operation log imports; ATT&CK ids and detection as tags.',
  requires: ['report.view'],
  output: 'file',
  paramsSchema,
  // It streams, so its size is the engagement's: give a large one the time it needs.
  timeoutMs: 300_000,
  render(ctx) {
    return {
      kind: 'file',
      filename: `${ctx.engagement.code}-ghostwriter-oplog.csv`,
      contentType: 'text/csv; charset=utf-8',
      data: oplogCsv(ctx),
    };
  },
});

/** The CSV a page of events at a time (every record ends with its delimiter, so pages just follow). */
async function* oplogCsv(ctx: ReportContext<z.output<typeof paramsSchema>>): AsyncGenerator<string> {
  // Ghostwriter's own exports quote every field; its importer reads either.
  yield csvRecord(OPLOG_COLUMNS, { quoteAll: true });
  for await (const page of ctx.events.pages())
    yield page
      .map((e) => csvRecord(oplogRow(e, ctx.engagement.code, ctx.params.oplogId), { quoteAll: true }))
      .join('');
}
