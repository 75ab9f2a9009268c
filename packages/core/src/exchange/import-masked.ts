import type { Tx } from '@steppingstones/db';
import { eventsWithContexts } from '../events/event-contexts.query.ts';
import { REDACTION_MASK, redactEvidence } from '../redaction/index.ts';

interface ImportedFields {
  description: string;
  raw_evidence?: string | undefined;
  outcome?: string | undefined;
  source: { host: string; user: string; process: string };
  target: { host: string; user: string; process: string };
  tags?: string[] | undefined;
  files?:
    | Array<{
        filename?: string | undefined;
        description?: string | null | undefined;
        location?: string | null | undefined;
      }>
    | undefined;
}

const TO_IMPORT = `export as a user who may view credentials to import these events`;

/**
 * Why a row holding the redaction mask can not be written as it is (naming the first masked column,
 * in the export's order), or null when it holds none.
 */
export function maskedCellReason(f: ImportedFields): string | null {
  const cells: Array<[string, string | undefined]> = [
    ['Description', f.description],
    ['Raw Evidence', f.raw_evidence],
    ['Outcome', f.outcome],
    ['Source Host', f.source.host],
    ['Source User', f.source.user],
    ['Source Process', f.source.process],
    ['Target Host', f.target.host],
    ['Target User', f.target.user],
    ['Target Process', f.target.process],
    ['Tags', f.tags?.join(',')],
  ];
  const column = cells.find(([, text]) => text?.includes(REDACTION_MASK))?.[0];
  if (column) return `${column}: holds masked text (${REDACTION_MASK}); ${TO_IMPORT}`;
  // The merge rule lets a non-empty value overwrite what a shared file holds: «redacted» would
  // destroy the real text.
  for (const [i, file] of (f.files ?? []).entries())
    for (const key of ['filename', 'description', 'location'] as const)
      if (file[key]?.includes(REDACTION_MASK))
        return `Files: file ${i + 1} has a masked ${key} (${REDACTION_MASK}); ${TO_IMPORT}`;
  return null;
}

/**
 * A row holding masks comes from an export made for a reader without credential access. When the
 * engagement already holds the event it was exported from (same time, and description and hosts
 * reading the same once masked) it is that event: skipped like any duplicate, so re-importing a masked
 * export loses nothing. Otherwise the masks stand for values this engagement does not hold: refused,
 * naming the column, rather than storing «redacted» where the evidence was. Null: no masks.
 */
export async function maskedRowOutcome(
  tx: Tx,
  engagementId: number,
  startAt: number,
  f: ImportedFields,
): Promise<{ skip: boolean; reason: string } | null> {
  const reason = maskedCellReason(f);
  if (!reason) return null;
  const candidates = await eventsWithContexts(tx)
    .select(['event.id', 'event.description', 's.host as s_host', 't.host as t_host'])
    .where('event.engagement_id', '=', engagementId)
    .where('event.deleted_at', 'is', null)
    .where('event.start_at', '=', startAt)
    .orderBy('event.id')
    .limit(1000)
    .execute();
  const same = candidates.find(
    (c) =>
      redactEvidence(c.description) === f.description &&
      redactEvidence(c.s_host) === f.source.host &&
      redactEvidence(c.t_host) === f.target.host,
  );
  if (same) return { skip: true, reason: `the same event already exists (id ${same.id})` };
  return { skip: false, reason };
}
