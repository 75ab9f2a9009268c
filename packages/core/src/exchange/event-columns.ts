import type { EventDto } from '@steppingstones/shared/events';

export const DETECTED_LABELS: Record<string, string> = {
  'N/A': 'Not Applicable',
  UNK: 'Unknown',
  NEG: 'No Trace',
  PAR: 'Event Recorded',
  FUL: 'Alert Raised',
};
export const PREVENTED_LABELS: Record<string, string> = {
  'N/A': 'Not Applicable',
  NEG: 'Not Prevented',
  PAR: 'Manual Intervention',
  FUL: 'Blocked as Standard',
};

/** ATT&CK names by id, for the human columns next to the ids. */
export type AttackNames = Map<string, string>;

/**
 * The exchange columns, in order: the same for CSV export, XLSX export and CSV import. Names are what
 * users see in the header row; import finds columns by these names.
 */
export const EVENT_COLUMNS = [
  ['Timestamp (UTC)', (e: EventDto) => e.timestamp],
  ['Timestamp End (UTC)', (e: EventDto) => e.timestamp_end ?? ''],
  ['Operator', (e: EventDto) => e.operator ?? ''],
  ['Source Host', (e: EventDto) => e.source.host],
  ['Source User', (e: EventDto) => e.source.user],
  ['Source Process', (e: EventDto) => e.source.process],
  ['Target Host', (e: EventDto) => e.target.host],
  ['Target User', (e: EventDto) => e.target.user],
  ['Target Process', (e: EventDto) => e.target.process],
  ['Tactic ID', (e: EventDto) => e.mitre_attack_tactic ?? ''],
  ['Tactic', (e: EventDto, n: AttackNames) => n.get(e.mitre_attack_tactic ?? '') ?? ''],
  ['Technique ID', (e: EventDto) => e.mitre_attack_technique ?? ''],
  ['Technique', (e: EventDto, n: AttackNames) => n.get(e.mitre_attack_technique ?? '') ?? ''],
  ['Sub-technique ID', (e: EventDto) => e.mitre_attack_subtechnique ?? ''],
  ['Sub-technique', (e: EventDto, n: AttackNames) => n.get(e.mitre_attack_subtechnique ?? '') ?? ''],
  ['Description', (e: EventDto) => e.description],
  ['Raw Evidence', (e: EventDto) => e.raw_evidence],
  ['Outcome', (e: EventDto) => e.outcome],
  ['Detected', (e: EventDto) => DETECTED_LABELS[e.detected] ?? e.detected],
  ['Prevented', (e: EventDto) => PREVENTED_LABELS[e.prevented] ?? e.prevented],
  ['Tags', (e: EventDto) => (e.tags.length ? JSON.stringify(e.tags) : '')],
] as const satisfies ReadonlyArray<readonly [string, (e: EventDto, n: AttackNames) => string]>;

export const EVENT_HEADER = EVENT_COLUMNS.map(([name]) => name);

export function eventCells(e: EventDto, names: AttackNames): string[] {
  return EVENT_COLUMNS.map(([, read]) => read(e, names));
}
