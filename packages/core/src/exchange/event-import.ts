import { pipeline, type Readable } from 'node:stream';
import { writeTransaction } from '@steppingstones/db';
import { CONTROL_CHARACTER_MESSAGE } from '@steppingstones/shared/control-characters';
import { type EventFields, eventFieldsSchema, parseIsoTimestamp } from '@steppingstones/shared/events';
import { CsvError, parse } from 'csv-parse';
import { assertWritable } from '../engagements/index.ts';
import { DomainError, ValidationError } from '../errors.ts';
import { engagementByCode } from '../events/engagement-choice.ts';
import { resolveOperator } from '../events/event.operator.ts';
import { eventValuesFromFields, writeEvent } from '../events/event.write.ts';
import { eventsWithContexts } from '../events/event-contexts.query.ts';
import { type Principal, requireEngagementPermission, requirePermission } from '../permissions/index.ts';
import { inTransaction, type ServiceContext, transactionOf } from '../service-context.ts';
import { DETECTED_LABELS, EVENT_HEADER, PREVENTED_LABELS } from './event-columns.ts';
import { restoreCell } from './formula-guard.ts';
import { CellError, controlCharacterColumn, filesOf, starredOf, tagsOf, yesNoOf } from './import-cells.ts';
import { maskedRowOutcome } from './import-masked.ts';
import { markRedTeamInfrastructure, type RedTeamMarks } from './import-red-team.ts';
import { type ImportReport, ImportStoppedError, stoppedAt } from './import-stopped.ts';
import { strictUtf8 } from './utf8-decode.ts';

export type { ImportReport };

const REQUIRED = ['Timestamp (UTC)', 'Description', 'Source Host', 'Target Host'];
const BATCH = 500;

const codeOf = (labels: Record<string, string>, value: string) =>
  Object.entries(labels).find(
    ([code, label]) => value === code || value.toLowerCase() === label.toLowerCase(),
  )?.[0] ?? value;

/** One CSV record (header names → restored cell text) as the fields of a new event. */
function toFields(r: Record<string, string>): EventFields {
  const cell = (name: string) => restoreCell(r[name] ?? '');
  const optional = (name: string) => cell(name) || null;
  return {
    timestamp: cell('Timestamp (UTC)'),
    timestamp_end: optional('Timestamp End (UTC)'),
    ...(cell('Operator') ? { operator: cell('Operator') } : {}),
    source: { host: cell('Source Host'), user: cell('Source User'), process: cell('Source Process') },
    target: { host: cell('Target Host'), user: cell('Target User'), process: cell('Target Process') },
    mitre_attack_tactic: optional('Tactic ID'),
    mitre_attack_technique: optional('Technique ID'),
    mitre_attack_subtechnique: optional('Sub-technique ID'),
    description: cell('Description'),
    raw_evidence: cell('Raw Evidence'),
    outcome: cell('Outcome'),
    detected: codeOf(DETECTED_LABELS, cell('Detected') || 'UNK') as EventFields['detected'],
    prevented: codeOf(PREVENTED_LABELS, cell('Prevented') || 'NEG') as EventFields['prevented'],
    tags: tagsOf(cell('Tags')),
    starred: starredOf(cell('Starred')),
    files: filesOf(cell('Files')),
  };
}

/** The red team infrastructure marks of a record; a file from before the columns existed has none. */
function marksOf(r: Record<string, string>): RedTeamMarks {
  const mark = (name: string) => yesNoOf(name, restoreCell(r[name] ?? ''));
  return {
    source: mark('Source Red Team Infrastructure'),
    target: mark('Target Red Team Infrastructure'),
  };
}

function reasonOf(error: unknown): string {
  if (error instanceof ValidationError)
    return error.problems.map((p) => `${p.field}: ${p.message}`).join('; ');
  return error instanceof Error ? error.message : String(error);
}

/**
 * Imports events from CSV (the export's columns) into one engagement, streaming. Rows are written in
 * short transactions (about 50 ms each, all-or-nothing); a row that fails validation is rejected with
 * its line and reason and the rest go on; an exact duplicate (same time, description, source and
 * target host) is skipped. Stars come back from the Starred column; the Files column's files are
 * found or created by the API's own rule (a file with the same name, size and MD5 is that file).
 */
export async function importEventsCsv(
  ctx: ServiceContext,
  principal: Principal,
  engagementCode: string,
  input: Readable,
): Promise<ImportReport> {
  const { db } = ctx;
  requirePermission(principal, 'event.add');
  const engagement = await engagementByCode(db, principal, engagementCode);
  requireEngagementPermission(principal, engagement.id, 'event.add', 'The engagement');
  assertWritable(engagement);
  const report: ImportReport = { added: 0, skipped: [], rejected: [] };
  // pipeline, not pipe: an error of the decoder (or of the input) must end the parser's iteration too.
  const parser = pipeline(
    input,
    strictUtf8('file'),
    parse({
      columns: (header: string[]) => {
        headed = true;
        return checkHeader(header);
      },
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_quotes: false,
    }),
    () => {},
  );
  let batch: ParsedRow[] = [];
  let records = 0;
  let headed = false;
  // csv-parse reports the line a record ends on; a record with a multi-line cell starts earlier.
  let lastEnd = 1;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      records++;
      const line = lastEnd + 1;
      lastEnd = info.lines;
      let fields: EventFields;
      let marks: RedTeamMarks;
      try {
        const control = controlCharacterColumn(record);
        if (control) throw new CellError(control, CONTROL_CHARACTER_MESSAGE);
        fields = toFields(record);
        marks = marksOf(record);
      } catch (error) {
        if (!(error instanceof CellError)) throw error;
        report.rejected.push({ line, reason: error.message });
        continue;
      }
      const parsed = eventFieldsSchema.safeParse(fields);
      if (!parsed.success) {
        report.rejected.push({
          line,
          reason: parsed.error.issues.map((i) => `${i.path.join('.') || 'row'}: ${i.message}`).join('; '),
        });
        continue;
      }
      batch.push({ line, fields: parsed.data, marks });
      if (batch.length >= BATCH) {
        await writeBatch(ctx, principal, engagement.id, batch, report);
        batch = [];
      }
    }
  } catch (error) {
    if (error instanceof ImportStoppedError) throw error;
    const problem =
      error instanceof CsvError && !headed
        ? ValidationError.field(
            'line 1',
            `this is not a CSV of events: its first line is not a header row of column names (${error.message}); export events as CSV to see the expected columns: ${EVENT_HEADER.join(', ')}`,
          )
        : error instanceof CsvError
          ? ValidationError.field(
              `line ${(error as { lines?: number }).lines ?? lastEnd + 1}`,
              `the CSV is malformed: ${error.message} (a cell holding a quote, comma or line break must be quoted, its quotes doubled: "say ""hi""")`,
            )
          : error;
    if (!(problem instanceof ValidationError)) throw error;
    // Rows parsed but not yet written are not written: the answer says from which line on.
    const from = batch[0]?.line ?? lineOf(problem) ?? lastEnd + 1;
    report.rejected = report.rejected.filter((r) => r.line < from);
    throw stoppedAt(problem, from, report);
  }
  if (records === 0 && (parser as unknown as { info: { bytes: number } }).info.bytes > 0)
    throw ValidationError.field('line 2', 'the file has only a header row: there are no events to import');
  if (records === 0)
    throw ValidationError.field(
      'line 1',
      `the file is empty: an import needs a header row naming the columns (${EVENT_HEADER.join(', ')}) and one row per event`,
    );
  if (batch.length) await writeBatch(ctx, principal, engagement.id, batch, report);
  return report;
}

const lineOf = (error: ValidationError) => {
  const m = /^line (\d+)$/.exec(error.problems[0]?.field ?? '');
  return m ? Number(m[1]) : undefined;
};

/** The first line names the columns: refuses data in its place and files of other columns. */
function checkHeader(header: string[]): string[] {
  const names = header.map((n) => n.trim());
  if (names.some((n) => parseIsoTimestamp(n) !== null))
    throw ValidationError.field(
      'line 1',
      `the file has no header row (its first line holds a timestamp); add the export's header as line 1: ${EVENT_HEADER.join(', ')}`,
    );
  const missing = REQUIRED.filter((name) => !names.includes(name));
  if (missing.length === REQUIRED.length)
    throw ValidationError.field(
      'line 1',
      `this is not a CSV of events (none of the columns ${REQUIRED.join(', ')} is in its first line); export events as CSV to see the expected columns: ${EVENT_HEADER.join(', ')}`,
    );
  if (missing.length)
    throw ValidationError.field(
      'line 1',
      `the header lacks the column(s) ${missing.join(', ')}; expected the export's columns: ${EVENT_HEADER.join(', ')}`,
    );
  return names;
}

/**
 * How long one import transaction may run before it commits and the next one starts. A transaction
 * holds the write lock (on SQLite also the server's only connection, so every request waits): short
 * ones let teammates' edits and the live updates through while a large file imports.
 */
const TRANSACTION_BUDGET_MS = 50;

type ParsedRow = { line: number; fields: ReturnType<typeof eventFieldsSchema.parse>; marks: RedTeamMarks };

/** Writes rows in as many short transactions as the budget asks; each is all-or-nothing. */
async function writeBatch(
  ctx: ServiceContext,
  principal: Principal,
  engagementId: number,
  rows: ParsedRow[],
  report: ImportReport,
): Promise<void> {
  let next = 0;
  while (next < rows.length) {
    let outcome: Awaited<ReturnType<typeof writeRows>>;
    try {
      outcome = await writeTransaction(ctx.db, (tx) =>
        writeRows(
          inTransaction(ctx, tx),
          principal,
          engagementId,
          rows,
          next,
          performance.now() + TRANSACTION_BUDGET_MS,
        ),
      );
    } catch (error) {
      if (error instanceof DomainError) throw error;
      // The failed transaction rolled back whole; those before it stay. Say exactly where the line is.
      const from = rows[next]!.line;
      throw new ImportStoppedError(
        500,
        `The database refused a write in the rows from line ${from}: line ${from} and the lines after it were not imported; the lines before it were (${report.added} added, ${report.skipped.length} skipped, ${report.rejected.length} rejected). The error was logged; import the file again once it is fixed (rows already imported are skipped as duplicates).`,
        { ...report, not_written_from_line: from },
        error,
      );
    }
    next = outcome.next;
    report.added += outcome.added;
    report.skipped.push(...outcome.skipped);
    report.rejected.push(...outcome.rejected);
  }
}

/** Rows from `from` on, in one transaction, until the deadline passes (at least one row). */
async function writeRows(
  ctx: ServiceContext,
  principal: Principal,
  engagementId: number,
  rows: ParsedRow[],
  from: number,
  deadline: number,
): Promise<{
  next: number;
  added: number;
  skipped: ImportReport['skipped'];
  rejected: ImportReport['rejected'];
}> {
  const tx = transactionOf(ctx);
  let added = 0;
  const skipped: ImportReport['skipped'] = [];
  const rejected: ImportReport['rejected'] = [];
  let next = from;
  for (; next < rows.length && (next === from || performance.now() < deadline); next++) {
    const { line, fields: f, marks } = rows[next]!;
    try {
      const startAt = parseIsoTimestamp(f.timestamp) as number;
      const masked = await maskedRowOutcome(tx, engagementId, startAt, f);
      if (masked) {
        (masked.skip ? skipped : rejected).push({ line, reason: masked.reason });
        continue;
      }
      const duplicate = await eventsWithContexts(tx)
        .select('event.id')
        .where('event.engagement_id', '=', engagementId)
        .where('event.deleted_at', 'is', null)
        .where('event.start_at', '=', startAt)
        .where('event.description', '=', f.description)
        .where('s.host', '=', f.source.host)
        .where('t.host', '=', f.target.host)
        .executeTakeFirst();
      if (duplicate) {
        skipped.push({ line, reason: `the same event already exists (id ${duplicate.id})` });
        continue;
      }
      const operator = f.operator ? await resolveOperator(tx, engagementId, f.operator) : principal.userId;
      const eventId = await writeEvent(
        ctx,
        principal.userId,
        engagementId,
        null,
        eventValuesFromFields(f, operator, false),
        { tags: f.tags ?? [], files: f.files ?? [] },
      );
      await markRedTeamInfrastructure(ctx, eventId, marks);
      added++;
    } catch (error) {
      // Validation happens before any write of the row, so the batch's transaction stays usable.
      if (!(error instanceof DomainError)) throw error;
      rejected.push({ line, reason: reasonOf(error) });
    }
  }
  return { next, added, skipped, rejected };
}
