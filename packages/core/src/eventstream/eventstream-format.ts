import { readEventStreamTime } from './eventstream-time.ts';

/**
 * One EventStream line as stored: the schema's keys mapped to columns (absent strings '' for operator,
 * context parts and description; null for evidence, outcome, ATT&CK ids and end), every other top-level
 * key kept in `additional_data` (a JSON object, keys sorted so equal lines compare equal).
 */
export interface EventStreamValues {
  start_at: number;
  end_at: number | null;
  operator: string;
  source_host: string;
  source_user: string;
  source_process: string;
  target_host: string;
  target_user: string;
  target_process: string;
  description: string;
  raw_evidence: string | null;
  outcome: string | null;
  tactic_id: string | null;
  technique_id: string | null;
  additional_data: string | null;
}

export type LineCheck = { values: EventStreamValues } | { reason: string };

const KNOWN = new Set(['ts', 'te', 'op', 's', 't', 'd', 'e', 'o', 'ma']);
const CONTEXT_KEYS = new Set(['h', 'u', 'p']);
const TACTIC = /TA[0-9]{4}/;
const TECHNIQUE = /T[0-9]{4}(.[0-9]{3})?/;
/** Column widths for values the schema leaves unbounded but a column cannot hold. */
const ATTACK_ID_MAX = 20;

class LineProblem extends Error {}

const fail = (message: string): never => {
  throw new LineProblem(message);
};

/** JSON Schema counts code points, not UTF-16 units. */
function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function text(record: Record<string, unknown>, key: string, max: number | null, path = key): string | null {
  const value = record[key];
  if (value === undefined) return null;
  if (typeof value !== 'string') fail(`${path}: must be a string`);
  const s = value as string;
  if (s.length === 0) fail(`${path}: must not be empty`);
  // No database text column takes NUL (PostgreSQL refuses it); other control characters, such as a
  // terminal's colour codes in evidence, are kept.
  if (s.includes('\u0000')) fail(`${path}: holds a NUL character (\\u0000)`);
  if (max !== null && s.length > max && codePoints(s) > max)
    fail(`${path}: must be at most ${max} characters`);
  return s;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function contextOf(record: Record<string, unknown>, key: 's' | 't') {
  const value = record[key];
  if (value === undefined) return { h: '', u: '', p: '' };
  if (!isObject(value)) return fail(`${key}: must be an object with h (host), u (user) and/or p (process)`);
  const keys = Object.keys(value);
  if (keys.length === 0) fail(`${key}: needs at least one of h (host), u (user), p (process)`);
  const extra = keys.find((k) => !CONTEXT_KEYS.has(k));
  if (extra !== undefined) fail(`${key}.${extra}: is not allowed (only h, u and p)`);
  return {
    h: text(value, 'h', 100, `${key}.h`) ?? '',
    u: text(value, 'u', 100, `${key}.u`) ?? '',
    p: text(value, 'p', 100, `${key}.p`) ?? '',
  };
}

function attackOf(record: Record<string, unknown>) {
  const value = record.ma;
  if (value === undefined) return { ta: null, t: null };
  if (!isObject(value)) return fail('ma: must be an object with ta (tactic) and/or t (technique)');
  const keys = Object.keys(value);
  if (keys.length === 0) fail('ma: needs at least one of ta (tactic), t (technique)');
  const extra = keys.find((k) => k !== 'ta' && k !== 't');
  if (extra !== undefined) fail(`ma.${extra}: is not allowed (only ta and t)`);
  const ta = value.ta;
  const t = value.t;
  if (ta !== undefined && (typeof ta !== 'string' || !TACTIC.test(ta)))
    fail('ma.ta: must be a tactic id such as TA0006');
  if (t !== undefined && (typeof t !== 'string' || !TECHNIQUE.test(t)))
    fail('ma.t: must be a technique or sub-technique id such as T1110 or T1110.003');
  for (const [k, v] of [
    ['ta', ta],
    ['t', t],
  ] as const)
    if (typeof v === 'string' && v.length > ATTACK_ID_MAX)
      fail(`ma.${k}: must be at most ${ATTACK_ID_MAX} characters`);
  return { ta: (ta as string | undefined) ?? null, t: (t as string | undefined) ?? null };
}

function timeOf(record: Record<string, unknown>, key: 'ts' | 'te'): number | null {
  const value = record[key];
  if (value === undefined) return null;
  if (typeof value !== 'string') return fail(`${key}: must be a string (an ISO-8601 date and time)`);
  const read = readEventStreamTime(value);
  return 'ms' in read ? read.ms : fail(`${key}: ${read.error}`);
}

function extrasOf(record: Record<string, unknown>): string | null {
  // Most lines hold only the format's keys: no sorting then.
  let any = false;
  for (const key in record)
    if (!KNOWN.has(key)) {
      any = true;
      break;
    }
  if (!any) return null;
  let extras: Record<string, unknown> | null = null;
  for (const key of Object.keys(record).sort()) {
    if (KNOWN.has(key)) continue;
    extras ??= {};
    extras[key] = record[key];
  }
  return extras ? JSON.stringify(extras) : null;
}

/** Checks a parsed JSON value against eventstream.schema.json and maps it; a reason names the key. */
export function checkEventStreamRecord(record: unknown): LineCheck {
  if (!isObject(record)) return { reason: 'must be a JSON object' };
  try {
    if (record.ts === undefined) fail('ts: is required (the start time)');
    const start = timeOf(record, 'ts') as number;
    const end = timeOf(record, 'te');
    const d = text(record, 'd', 1000);
    const e = text(record, 'e', null);
    if (d === null && e === null)
      fail('d or e: at least one of d (description) and e (evidence) is required');
    const op = text(record, 'op', 256);
    const o = text(record, 'o', 1000);
    const s = contextOf(record, 's');
    const t = contextOf(record, 't');
    const ma = attackOf(record);
    return {
      values: {
        start_at: start,
        end_at: end,
        operator: op ?? '',
        source_host: s.h,
        source_user: s.u,
        source_process: s.p,
        target_host: t.h,
        target_user: t.u,
        target_process: t.p,
        description: d ?? '',
        raw_evidence: e,
        outcome: o,
        tactic_id: ma.ta,
        technique_id: ma.t,
        additional_data: extrasOf(record),
      },
    };
  } catch (error) {
    if (error instanceof LineProblem) return { reason: error.message };
    throw error;
  }
}

const REASON_MAX = 300;

/** Parses and checks one line of text. */
export function checkEventStreamLine(line: string): LineCheck {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (error) {
    const why = (error as Error).message;
    return { reason: `not valid JSON: ${why.length > REASON_MAX ? `${why.slice(0, REASON_MAX)}…` : why}` };
  }
  return checkEventStreamRecord(record);
}
