import { formatDateTimeSeconds } from '../../../../lib/dates.ts';
import { detectedChoice, preventedChoice } from '../../ui/choices.ts';
import {
  type ContextValue,
  type EventFormValues,
  fileBody,
  isBlankRow,
  resolveTime,
  type TimeValue,
} from '../form-values.ts';
import type { Choices } from './three-way.ts';

/**
 * The event form seen field by field for a merge: which form values make up each field, what each
 * would write (to compare), and how it reads to the user. ATT&CK is one field because tactic,
 * technique and sub-technique only make sense together.
 */

export const EVENT_MERGE_FIELDS = [
  'timestamp',
  'timestamp_end',
  'operator',
  'source',
  'target',
  'description',
  'raw_evidence',
  'tags',
  'attack',
  'outcome',
  'detected',
  'prevented',
  'files',
] as const;
export type EventMergeField = (typeof EVENT_MERGE_FIELDS)[number];

/** What the blue team's limited form can change (`event.change_limited`). */
export const LIMITED_MERGE_FIELDS = ['outcome', 'detected', 'prevented'] as const satisfies EventMergeField[];

export const MERGE_FIELD_LABELS: Record<EventMergeField, string> = {
  timestamp: 'Start',
  timestamp_end: 'End',
  operator: 'Operator',
  source: 'Source',
  target: 'Target',
  description: 'Description',
  raw_evidence: 'Raw evidence',
  tags: 'Tags',
  attack: 'MITRE ATT&CK',
  outcome: 'Outcome',
  detected: 'Detected?',
  prevented: 'Prevented?',
  files: 'Files (IOCs)',
};

const FORM_KEYS: Record<EventMergeField, (keyof EventFormValues)[]> = {
  timestamp: ['timestamp'],
  timestamp_end: ['hasEnd', 'timestampEnd'],
  operator: ['operator'],
  source: ['source'],
  target: ['target'],
  description: ['description'],
  raw_evidence: ['raw_evidence'],
  tags: ['tags'],
  attack: ['tactic', 'technique', 'subtechnique'],
  outcome: ['outcome'],
  detected: ['detected'],
  prevented: ['prevented'],
  files: ['files'],
};

/** An instant compares by its millisecond value, whatever zone the user typed it in. */
function timeComparable(t: TimeValue): number | string {
  const r = resolveTime(t);
  return r.kind === 'ok' ? Date.parse(r.iso) : `${t.wall} ${t.zone}`;
}

const contextParts = (c: ContextValue) => ({
  host: c.host.trim(),
  user: c.user.trim(),
  process: c.process.trim(),
});

/** Each field as the value the save would write (tags match case-insensitively, so order and case do not count). */
export function comparableValues(v: EventFormValues): Record<EventMergeField, unknown> {
  return {
    timestamp: timeComparable(v.timestamp),
    timestamp_end: v.hasEnd ? timeComparable(v.timestampEnd) : null,
    operator: v.operator.trim(),
    source: contextParts(v.source),
    target: contextParts(v.target),
    description: v.description,
    raw_evidence: v.raw_evidence,
    tags: v.tags.map((t) => t.trim().toLowerCase()).sort(),
    attack: [v.tactic, v.technique, v.subtechnique],
    outcome: v.outcome,
    detected: v.detected,
    prevented: v.prevented,
    files: v.files.filter((f) => !isBlankRow(f)).map(fileBody),
  };
}

/** Mine with every field chosen as "theirs" replaced by their values. */
export function applyChoices(
  mine: EventFormValues,
  theirs: EventFormValues,
  choices: Choices<EventMergeField>,
): EventFormValues {
  const merged = { ...mine };
  for (const [field, side] of Object.entries(choices) as [EventMergeField, string][]) {
    if (side !== 'theirs') continue;
    for (const key of FORM_KEYS[field]) Object.assign(merged, { [key]: theirs[key] });
  }
  return merged;
}

const EMPTY = '(empty)';
const NONE = '(none)';

function timeText(t: TimeValue): string {
  const r = resolveTime(t);
  if (r.kind !== 'ok') return `${t.wall.replace('T', ' ')} (${t.zone})`;
  return `${formatDateTimeSeconds(r.iso, t.zone)} (${t.zone})`;
}

const contextText = (c: ContextValue) =>
  [c.host, c.user, c.process]
    .map((p) => p.trim())
    .filter(Boolean)
    .join(' · ') || EMPTY;

/** A field's value as the user reads it in the merge view (plain text; React escapes it). */
export function displayValue(field: EventMergeField, v: EventFormValues): string {
  switch (field) {
    case 'timestamp':
      return timeText(v.timestamp);
    case 'timestamp_end':
      return v.hasEnd ? timeText(v.timestampEnd) : '(no end time)';
    case 'operator':
      return v.operator.trim() || EMPTY;
    case 'source':
    case 'target':
      return contextText(v[field]);
    case 'tags':
      return v.tags.length ? v.tags.join(', ') : NONE;
    case 'attack':
      return [v.tactic, v.technique, v.subtechnique].filter(Boolean).join(' › ') || NONE;
    case 'detected':
      return detectedChoice(v.detected).label;
    case 'prevented':
      return preventedChoice(v.prevented).label;
    case 'files': {
      const rows = v.files.filter((f) => !isBlankRow(f));
      if (!rows.length) return NONE;
      return rows
        .map(
          (f) =>
            `${f.filename || f.md5 || 'unnamed file'}${f.location ? ` at ${f.location}` : ''}${f.removed ? ' (removed)' : ''}`,
        )
        .join('\n');
    }
    default:
      return v[field] || EMPTY;
  }
}
