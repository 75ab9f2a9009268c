import {
  type EventDto,
  type EventFields,
  eventFieldsSchema,
  type FileInput,
} from '@steppingstones/shared/events';
import { sentence } from '../../../lib/form.ts';
import { toIsoUtc, utcToWallTime, wallTimeToUtc } from '../time/wall-time.ts';
import { mapServerField } from './field-names.ts';

/** What the event form edits, before it becomes an API body. */

export type FormMode = 'new' | 'edit' | 'clone' | 'lateral';

export interface TimeValue {
  /** `YYYY-MM-DDTHH:MM:SS` on the clock of `zone`. */
  wall: string;
  zone: string;
  /** For a wall time shown twice (DST overlap): the instant the user chose. */
  chosenUtcMs: number | null;
  /** The stored instant this value was loaded from: sent back unchanged (milliseconds kept) if untouched. */
  original: { wall: string; zone: string; iso: string } | null;
}

export interface ContextValue {
  /** The existing context picked (null: a new one from the typed parts). */
  id: number | null;
  host: string;
  user: string;
  process: string;
  colour: string | null;
  /** Edit the picked, shared context in place (every event using it changes). */
  editShared: boolean;
  /** The picked host is red team infrastructure (attacker VPS, cracking box); set with the shared edit. */
  redTeamInfrastructure?: boolean;
}

export interface FileRow {
  key: string;
  file_id: number | null;
  editShared: boolean;
  filename: string;
  size: string;
  md5: string;
  sha1: string;
  sha256: string;
  description: string;
  location: string;
  removed: boolean;
}

export interface EventFormValues {
  timestamp: TimeValue;
  hasEnd: boolean;
  timestampEnd: TimeValue;
  operator: string;
  source: ContextValue;
  target: ContextValue;
  tags: string[];
  description: string;
  raw_evidence: string;
  outcome: string;
  detected: string;
  prevented: string;
  tactic: string | null;
  technique: string | null;
  subtechnique: string | null;
  files: FileRow[];
}

let keySeq = 0;
export const newRowKey = () => `row-${++keySeq}`;

export const emptyContext = (): ContextValue => ({
  id: null,
  host: '',
  user: '',
  process: '',
  colour: null,
  editShared: false,
});

export const emptyFileRow = (): FileRow => ({
  key: newRowKey(),
  file_id: null,
  editShared: false,
  filename: '',
  size: '',
  md5: '',
  sha1: '',
  sha256: '',
  description: '',
  location: '',
  removed: false,
});

export function nowTime(zone: string, now = Date.now()): TimeValue {
  return { wall: utcToWallTime(now, zone), zone, chosenUtcMs: null, original: null };
}

function storedTime(iso: string, zone: string): TimeValue {
  const wall = utcToWallTime(iso, zone);
  return { wall, zone, chosenUtcMs: null, original: { wall, zone, iso } };
}

const contextOf = (c: EventDto['source']): ContextValue => ({
  id: c.id,
  host: c.host,
  user: c.user,
  process: c.process,
  colour: c.colour,
  editShared: false,
  redTeamInfrastructure: c.red_team_infrastructure,
});

/** Initial values per mode (§4.2; clones start now and do not copy the end). */
export function initialValues(
  mode: FormMode,
  event: EventDto | null,
  me: { username: string },
  zone: string,
): EventFormValues {
  const blank: EventFormValues = {
    timestamp: nowTime(zone),
    hasEnd: false,
    timestampEnd: nowTime(zone),
    operator: me.username,
    source: emptyContext(),
    target: emptyContext(),
    tags: [],
    description: '',
    raw_evidence: '',
    outcome: '',
    detected: 'UNK',
    prevented: 'NEG',
    tactic: null,
    technique: null,
    subtechnique: null,
    files: [],
  };
  if (!event || mode === 'new') return blank;
  // A lateral move is the next step of whoever is at the keyboard: they become its operator.
  if (mode === 'lateral') return { ...blank, source: contextOf(event.target) };
  const copied: EventFormValues = {
    ...blank,
    operator: event.operator ?? me.username,
    source: contextOf(event.source),
    target: contextOf(event.target),
    tags: [...event.tags],
    description: event.description,
    raw_evidence: event.raw_evidence,
    outcome: event.outcome,
    detected: event.detected,
    prevented: event.prevented,
    tactic: event.mitre_attack_tactic,
    technique: event.mitre_attack_technique,
    subtechnique: event.mitre_attack_subtechnique,
    files: event.files.map((f) => ({
      key: newRowKey(),
      file_id: f.file_id,
      editShared: false,
      filename: f.filename,
      size: f.size === null ? '' : String(f.size),
      md5: f.md5 ?? '',
      sha1: f.sha1 ?? '',
      sha256: f.sha256 ?? '',
      description: f.description ?? '',
      location: f.location ?? '',
      removed: f.removed,
    })),
  };
  if (mode === 'clone') return copied;
  return {
    ...copied,
    timestamp: storedTime(event.timestamp, zone),
    hasEnd: event.timestamp_end !== null,
    timestampEnd: event.timestamp_end ? storedTime(event.timestamp_end, zone) : nowTime(zone),
  };
}

export type TimeResolution =
  | { kind: 'ok'; iso: string }
  | { kind: 'error'; message: string }
  | { kind: 'ambiguous'; candidates: { utcMs: number; offsetMinutes: number }[] };

/** Wall time + zone → the ISO instant to send; an untouched stored time goes back exactly as it came. */
export function resolveTime(t: TimeValue): TimeResolution {
  if (t.original && t.original.wall === t.wall && t.original.zone === t.zone)
    return { kind: 'ok', iso: t.original.iso };
  const r = wallTimeToUtc(t.wall, t.zone);
  if (r.kind === 'ok') return { kind: 'ok', iso: toIsoUtc(r.utcMs) };
  if (r.kind === 'ambiguous') {
    const chosen = r.candidates.find((c) => c.utcMs === t.chosenUtcMs);
    if (chosen) return { kind: 'ok', iso: toIsoUtc(chosen.utcMs) };
    return { kind: 'ambiguous', candidates: r.candidates };
  }
  return { kind: 'error', message: r.message };
}

export const fileBody = (f: FileRow): FileInput => {
  const placement = { location: f.location || null, removed: f.removed };
  if (f.file_id !== null && !f.editShared) return { file_id: f.file_id, ...placement };
  return {
    ...(f.file_id !== null ? { file_id: f.file_id } : {}),
    filename: f.filename.trim(),
    size: f.size.trim() === '' ? null : Number(f.size),
    md5: f.md5.trim(),
    sha1: f.sha1.trim(),
    sha256: f.sha256.trim(),
    description: f.description || null,
    ...placement,
  };
};

/** A file row the user left completely empty is skipped, as the original skipped blank extra rows. */
export const isBlankRow = (f: FileRow) =>
  f.file_id === null &&
  !f.filename &&
  !f.size &&
  !f.md5 &&
  !f.sha1 &&
  !f.sha256 &&
  !f.description &&
  !f.location;

/**
 * The API body, or field errors found before sending: the wall times this form resolves itself, then
 * the server's own schema (`eventFieldsSchema`), so a rule and its wording are written once.
 */
export function toRequestBody(
  v: EventFormValues,
  engagement: string,
):
  | { body: EventFields; errors: null; fileKeys: string[] }
  | { body: null; errors: Record<string, string>; fileKeys: string[] } {
  const kept = v.files.filter((f) => !isBlankRow(f));
  const fileKeys = kept.map((f) => f.key);
  const errors: Record<string, string> = {};
  const start = resolveTime(v.timestamp);
  const end = v.hasEnd ? resolveTime(v.timestampEnd) : null;
  for (const [field, r] of [
    ['timestamp', start],
    ['timestamp_end', end],
  ] as const) {
    if (!r) continue;
    if (r.kind === 'error') errors[field] = r.message;
    if (r.kind === 'ambiguous')
      errors[field] = 'This time happens twice here (the clocks went back): choose which one below.';
  }
  const body: EventFields = {
    engagement,
    timestamp: start.kind === 'ok' ? start.iso : new Date(0).toISOString(),
    timestamp_end: end?.kind === 'ok' ? end.iso : null,
    operator: v.operator.trim() || undefined,
    source: { host: v.source.host.trim(), user: v.source.user.trim(), process: v.source.process.trim() },
    target: { host: v.target.host.trim(), user: v.target.user.trim(), process: v.target.process.trim() },
    mitre_attack_tactic: v.tactic,
    mitre_attack_technique: v.technique,
    mitre_attack_subtechnique: v.subtechnique,
    description: v.description,
    raw_evidence: v.raw_evidence,
    outcome: v.outcome,
    detected: v.detected as EventFields['detected'],
    prevented: v.prevented as EventFields['prevented'],
    tags: v.tags,
    files: kept.map(fileBody),
  };
  const checked = eventFieldsSchema.safeParse(body);
  if (!checked.success)
    for (const issue of checked.error.issues) {
      const field = mapServerField(issue.path.join('.'), fileKeys);
      errors[field] ??= sentence(issue.message);
    }
  if (Object.keys(errors).length) return { body: null, errors, fileKeys };
  return { body, errors: null, fileKeys };
}
