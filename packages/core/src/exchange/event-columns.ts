// The labels every export and report writes, kept once (in the SDK, where plugins can read them too).
import { DETECTED_LABELS, PREVENTED_LABELS } from '@steppingstones/plugin-sdk/report-text';
import type { EventDto } from '@steppingstones/shared/events';
import type { VisibleAttachment } from '../events/event-attachments.query.ts';

export { DETECTED_LABELS, PREVENTED_LABELS };

/** What an exchange row shows of an event: the grid's DTO has all of it, the export reads just this. */
export type ExchangeEvent = Pick<
  EventDto,
  | 'timestamp'
  | 'timestamp_end'
  | 'operator'
  | 'mitre_attack_tactic'
  | 'mitre_attack_technique'
  | 'mitre_attack_subtechnique'
  | 'description'
  | 'raw_evidence'
  | 'outcome'
  | 'detected'
  | 'prevented'
  | 'tags'
  | 'starred'
> & {
  source: Pick<EventDto['source'], 'host' | 'user' | 'process' | 'red_team_infrastructure'>;
  target: Pick<EventDto['target'], 'host' | 'user' | 'process' | 'red_team_infrastructure'>;
  files: ExchangeFile[];
  /** The attachments the reader may see (the blue team: shared ones), oldest first. Export only. */
  attachments?: ExchangeAttachment[];
};

/**
 * An attachment of an exported event. The Attachments cell lists its name and SHA-256 (an IOC, like a
 * file's); the PDF reads the rest to embed images.
 */
export type ExchangeAttachment = VisibleAttachment;

/**
 * The Attachments cell: a JSON array of `{filename, sha256}`, empty when the event has none the reader
 * may see. Written by exports only; an import leaves attachments alone (the bytes are not in the file).
 */
export function attachmentsCell(attachments: readonly ExchangeAttachment[] | undefined): string {
  if (!attachments?.length) return '';
  return JSON.stringify(attachments.map((a) => ({ filename: a.filename, sha256: a.sha256 })));
}

/**
 * One file of an event as the Files cell writes it, in this key order. Ids are left out: they belong
 * to the engagement the file came from, and an import finds or creates its files by their details.
 */
export type ExchangeFile = Pick<
  EventDto['files'][number],
  'filename' | 'size' | 'md5' | 'sha1' | 'sha256' | 'description' | 'location' | 'removed'
>;

/** The keys of a Files cell entry, in the order they are written (also what an import accepts). */
export const FILE_KEYS = [
  'filename',
  'size',
  'md5',
  'sha1',
  'sha256',
  'description',
  'location',
  'removed',
] as const satisfies ReadonlyArray<keyof ExchangeFile>;

/**
 * The Files cell: a JSON array of `{filename, size, md5, sha1, sha256, description, location, removed}`
 * (absent values are `null`), empty when the event has no files. JSON keeps any text exactly (line
 * breaks, quotes, commas, non-ASCII names stay readable) and always starts with `[`, so the formula guard
 * never touches it.
 */
export function filesCell(files: readonly ExchangeFile[]): string {
  if (!files.length) return '';
  return JSON.stringify(files.map((f) => Object.fromEntries(FILE_KEYS.map((k) => [k, f[k]]))));
}

/** How the Starred column reads: words a person understands, which import reads back. */
export const STARRED_LABELS = { yes: 'Yes', no: 'No' } as const;

/** A yes/no column (Starred, the red team infrastructure marks) as it is written. */
const yesNo = (value: boolean) => (value ? STARRED_LABELS.yes : STARRED_LABELS.no);

/** ATT&CK names by id, for the human columns next to the ids. */
export type AttackNames = Map<string, string>;

/**
 * The exchange columns, in order: the same for CSV export, XLSX export and CSV import. Names are what
 * users see in the header row; import finds columns by these names.
 */
export const EVENT_COLUMNS = [
  ['Timestamp (UTC)', (e: ExchangeEvent) => e.timestamp],
  ['Timestamp End (UTC)', (e: ExchangeEvent) => e.timestamp_end ?? ''],
  ['Operator', (e: ExchangeEvent) => e.operator ?? ''],
  ['Source Host', (e: ExchangeEvent) => e.source.host],
  ['Source User', (e: ExchangeEvent) => e.source.user],
  ['Source Process', (e: ExchangeEvent) => e.source.process],
  ['Target Host', (e: ExchangeEvent) => e.target.host],
  ['Target User', (e: ExchangeEvent) => e.target.user],
  ['Target Process', (e: ExchangeEvent) => e.target.process],
  ['Tactic ID', (e: ExchangeEvent) => e.mitre_attack_tactic ?? ''],
  ['Tactic', (e: ExchangeEvent, n: AttackNames) => n.get(e.mitre_attack_tactic ?? '') ?? ''],
  ['Technique ID', (e: ExchangeEvent) => e.mitre_attack_technique ?? ''],
  ['Technique', (e: ExchangeEvent, n: AttackNames) => n.get(e.mitre_attack_technique ?? '') ?? ''],
  ['Sub-technique ID', (e: ExchangeEvent) => e.mitre_attack_subtechnique ?? ''],
  ['Sub-technique', (e: ExchangeEvent, n: AttackNames) => n.get(e.mitre_attack_subtechnique ?? '') ?? ''],
  ['Description', (e: ExchangeEvent) => e.description],
  ['Raw Evidence', (e: ExchangeEvent) => e.raw_evidence],
  ['Outcome', (e: ExchangeEvent) => e.outcome],
  ['Detected', (e: ExchangeEvent) => DETECTED_LABELS[e.detected] ?? e.detected],
  ['Prevented', (e: ExchangeEvent) => PREVENTED_LABELS[e.prevented] ?? e.prevented],
  ['Tags', (e: ExchangeEvent) => (e.tags.length ? JSON.stringify(e.tags) : '')],
  ['Starred', (e: ExchangeEvent) => yesNo(e.starred)],
  ['Files', (e: ExchangeEvent) => filesCell(e.files)],
  // Last, so files written before the mark existed keep their column positions; an import without
  // them leaves the contexts as they are.
  ['Source Red Team Infrastructure', (e: ExchangeEvent) => yesNo(e.source.red_team_infrastructure)],
  ['Target Red Team Infrastructure', (e: ExchangeEvent) => yesNo(e.target.red_team_infrastructure)],
  ['Attachments', (e: ExchangeEvent) => attachmentsCell(e.attachments)],
] as const satisfies ReadonlyArray<readonly [string, (e: ExchangeEvent, n: AttackNames) => string]>;

export const EVENT_HEADER = EVENT_COLUMNS.map(([name]) => name);

export function eventCells(e: ExchangeEvent, names: AttackNames): string[] {
  return EVENT_COLUMNS.map(([, read]) => read(e, names));
}
