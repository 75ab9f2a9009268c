// Text helpers the shipped report plugins share (reference §1.5): labels, UTC times, ATT&CK and context
// wording. In the SDK so every plugin can import them (a plugin imports nothing but the SDK).
import type { EventFilter, ReportContextRef, ReportEvent } from './index.ts';

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
export const DETECTED_MEANINGS: [string, string][] = [
  ['N/A', 'The activity is not one that defenders could be expected to detect.'],
  ['UNK', 'It has not been established whether the activity left any trace.'],
  ['NEG', 'No trace of the activity was found in the defenders’ logs or tools.'],
  ['PAR', 'The activity was recorded in logs, but no alert was raised.'],
  ['FUL', 'The activity raised an alert that was brought to the defenders’ attention.'],
];
export const PREVENTED_MEANINGS: [string, string][] = [
  ['N/A', 'The activity is not one that a control could be expected to prevent.'],
  ['NEG', 'The activity succeeded.'],
  ['PAR', 'The activity was stopped by a person intervening.'],
  ['FUL', 'The activity was blocked by a control working as configured.'],
];

const pad = (n: number) => String(n).padStart(2, '0');
const dateOf = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const timeOf = (d: Date) => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;

/** `YYYY-MM-DD HH:MM UTC` */
export function formatUtc(iso: string): string {
  const d = new Date(iso);
  return `${dateOf(d)} ${timeOf(d)} UTC`;
}

/** A start time, or a range: `2026-01-06 09:15 to 10:02 UTC` on one date, else both dates. */
export function formatRange(start: string, end: string | null): string {
  if (!end || end === start) return formatUtc(start);
  const a = new Date(start);
  const b = new Date(end);
  if (dateOf(a) === dateOf(b)) return `${dateOf(a)} ${timeOf(a)} to ${timeOf(b)} UTC`;
  return `${dateOf(a)} ${timeOf(a)} UTC to ${dateOf(b)} ${timeOf(b)} UTC`;
}

const SENTENCE_END = /\.\s|\n/;

/** The first sentence: up to the first ". " or newline, trimmed, without the period. */
export function firstSentence(text: string): string {
  const m = SENTENCE_END.exec(text);
  return (m ? text.slice(0, m.index) : text).trim();
}

/** The text after the first sentence, left-trimmed. */
export function afterFirstSentence(text: string): string {
  const m = SENTENCE_END.exec(text);
  return m ? text.slice(m.index + 1).replace(/^\s+/, '') : '';
}

/** Python's `str.title()`: a capital after every non-letter (`credential-access` → `Credential-Access`). */
export function titleCase(text: string): string {
  return text
    .toLowerCase()
    .replace(/(^|[^\p{L}])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());
}

/** The tags of an event without the one the report is filtered on (it would repeat on every row). */
export function visibleTags(event: ReportEvent, filter: EventFilter): string[] {
  const f = filter.tag;
  const filtered = new Set(
    (Array.isArray(f) ? f : typeof f === 'string' ? [f] : []).map((t) => t.toLowerCase()),
  );
  return event.tags.filter((t) => !filtered.has(t.toLowerCase()));
}

/** `user on host (process)`, leaving out empty parts. */
export function contextShort(c: ReportContextRef): string {
  let out = [c.user, c.host].filter(Boolean).join(' on ');
  if (c.process) out = out ? `${out} (${c.process})` : c.process;
  return out;
}

const sameContext = (a: ReportContextRef | null, b: ReportContextRef | null) =>
  (a?.host ?? '') === (b?.host ?? '') &&
  (a?.user ?? '') === (b?.user ?? '') &&
  (a?.process ?? '') === (b?.process ?? '');

/** "Source: …" / "Target: …" when they differ, else the source's Host / User / Process lines. */
export function contextLines(event: ReportEvent): string[] {
  const { source, target } = event;
  if (!sameContext(source, target)) {
    return [
      `Source: ${source ? contextShort(source) : ''}`.trimEnd(),
      `Target: ${target ? contextShort(target) : ''}`.trimEnd(),
    ];
  }
  if (!source) return [];
  const out: string[] = [];
  if (source.host) out.push(`Host: ${source.host}`);
  if (source.user) out.push(`User: ${source.user}`);
  if (source.process) out.push(`Process: ${source.process}`);
  return out;
}

/** Django's filesizeformat: `4.0 KB` with a no-break space. */
export function fileSize(bytes: number): string {
  if (bytes === 1) return '1\u00a0byte';
  if (bytes < 1024) return `${bytes}\u00a0bytes`;
  const units = ['KB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes / 1024;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return `${value.toFixed(1)}\u00a0${units[i]}`;
}

/** `name (location) - 4.0 KB [SHA1: …]`, with MD5 when there is no SHA1. */
export function fileLine(f: ReportEvent['files'][number]): string {
  let out = f.filename;
  if (f.location) out += ` (${f.location})`;
  if (f.size !== null) out += ` - ${fileSize(f.size)}`;
  if (f.sha1) out += ` [SHA1: ${f.sha1}]`;
  else if (f.md5) out += ` [MD5: ${f.md5}]`;
  return out;
}

/** The TTP: the most specific ATT&CK reference and its names, or null. */
export function ttpOf(e: ReportEvent): { id: string; names: string } | null {
  if (e.subtechnique)
    return {
      id: e.subtechnique.mitreId,
      names: e.technique ? `${e.technique.name}: ${e.subtechnique.name}` : e.subtechnique.name,
    };
  if (e.technique) return { id: e.technique.mitreId, names: e.technique.name };
  if (e.tactic) return { id: e.tactic.mitreId, names: e.tactic.name };
  return null;
}
