import type { Tx } from '@steppingstones/db';
import { REDACTION_MASK, redactEvidence } from '../redaction/index.ts';

interface ImportedFields {
  description: string;
  raw_evidence?: string | undefined;
  outcome?: string | undefined;
  source: { host: string; user: string; process: string };
  target: { host: string; user: string; process: string };
  tags?: string[] | undefined;
}

/** The first column (as the export names it) whose cell holds the redaction mask, or null. */
export function maskedColumnOf(f: ImportedFields): string | null {
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
  return cells.find(([, text]) => text?.includes(REDACTION_MASK))?.[0] ?? null;
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
  const column = maskedColumnOf(f);
  if (!column) return null;
  const candidates = await tx
    .selectFrom('event')
    .innerJoin('context as s', 's.id', 'event.source_context_id')
    .innerJoin('context as t', 't.id', 'event.target_context_id')
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
  return {
    skip: false,
    reason: `${column}: holds masked text (${REDACTION_MASK}); export as a user who may view credentials to import these events`,
  };
}
