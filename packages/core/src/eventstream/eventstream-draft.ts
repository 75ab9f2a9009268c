import type { DB, EventStreamLineTable, Tx } from '@steppingstones/db';
import { detectedCode, type EventFields, preventedCode, tagName } from '@steppingstones/shared/events';
import type { Kysely, Selectable } from 'kysely';
import { resolveOperator } from '../events/event.operator.ts';
import { mapLineAttack } from './eventstream-attack-map.ts';

/** The host a context gets when the line names none: an event needs a source and a target. */
export const UNKNOWN_HOST = 'Unknown';

export interface EventDraft {
  line_id: number;
  /** The event form's fields, pre-filled from the line (nothing is created until the event is saved). */
  fields: EventFields & { engagement: string };
  /** What could not be carried over, for the form to show. */
  warnings: string[];
}

type LineRecord = Selectable<EventStreamLineTable>;

function extrasOf(line: LineRecord): Record<string, unknown> {
  if (!line.additional_data) return {};
  try {
    const value = JSON.parse(line.additional_data) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function context(host: string, user: string, process: string, side: 'source' | 'target', warnings: string[]) {
  if (host || user || process) return { host, user, process };
  warnings.push(`The line names no ${side}: its host is "${UNKNOWN_HOST}" until you choose one`);
  return { host: UNKNOWN_HOST, user: '', process: '' };
}

/** The operator the line names, if that user records events in the engagement. */
async function operatorOf(db: Kysely<DB>, engagementId: number, op: string, warnings: string[]) {
  if (!op) return undefined;
  try {
    // Only reads: the check the event write makes, without opening a write transaction.
    await resolveOperator(db as unknown as Tx, engagementId, op);
    const user = await db
      .selectFrom('app_user')
      .select('username')
      .where('username_key', '=', op.trim().toLowerCase())
      .executeTakeFirstOrThrow();
    return user.username;
  } catch {
    warnings.push(`No operator "${op}" in this engagement: the event is yours until you choose one`);
    return undefined;
  }
}

/**
 * An event's fields from one line: times, contexts, description, evidence and outcome copied; the
 * operator matched by username; ATT&CK ids mapped; `detected`, `prevented` and `tags` taken back from
 * the additional data (as the EventStream export writes them).
 */
export async function draftFromLine(
  db: Kysely<DB>,
  line: LineRecord,
  engagementCode: string,
): Promise<EventDraft> {
  const warnings: string[] = [];
  const attack = await mapLineAttack(db, line.tactic_id, line.technique_id);
  warnings.push(...attack.warnings);
  const extras = extrasOf(line);
  let description = line.description;
  if (!description) {
    const first = (line.raw_evidence ?? '').split(/\r?\n/).find((l) => l.trim()) ?? '';
    description = first.trim().slice(0, 1000) || 'Imported from EventStream';
    warnings.push('The line has no description: the first line of its evidence is used');
  }
  const detected = detectedCode.safeParse(extras.detected);
  const prevented = preventedCode.safeParse(extras.prevented);
  const tags = Array.isArray(extras.tags)
    ? extras.tags.filter((t) => tagName.safeParse(t).success).map(String)
    : [];
  const operator = await operatorOf(db, Number(line.engagement_id), line.operator, warnings);
  const fields: EventDraft['fields'] = {
    engagement: engagementCode,
    timestamp: new Date(Number(line.start_at)).toISOString(),
    timestamp_end: line.end_at === null ? null : new Date(Number(line.end_at)).toISOString(),
    ...(operator ? { operator } : {}),
    source: context(line.source_host, line.source_user, line.source_process, 'source', warnings),
    target: context(line.target_host, line.target_user, line.target_process, 'target', warnings),
    mitre_attack_tactic: attack.tactic,
    mitre_attack_technique: attack.technique,
    mitre_attack_subtechnique: attack.subtechnique,
    description,
    raw_evidence: line.raw_evidence ?? '',
    outcome: line.outcome ?? '',
    ...(detected.success ? { detected: detected.data } : {}),
    ...(prevented.success ? { prevented: prevented.data } : {}),
    ...(tags.length ? { tags } : {}),
  };
  if (line.end_at !== null && line.end_at < line.start_at) {
    fields.timestamp_end = null;
    warnings.push('The line ends before it starts: the end time was left out');
  }
  return { line_id: Number(line.id), fields, warnings };
}
