import { isTimestampInRange, TIMESTAMP_RANGE_MESSAGE } from '@steppingstones/shared/dates';

/**
 * EventStream times. The schema's pattern is unanchored (a trailing `Z`, fractions or a compact offset
 * also pass it), so a line passes when the pattern is found and the whole value then reads as an
 * ISO-8601 instant. A time without an offset is UTC; a date or time that does not exist (2024-02-30,
 * 25:00) is refused instead of rolled over.
 */
const PATTERN = /[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?([+-][0-9]{2}:[0-9]{2})?/;
const FULL =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

export type TimeCheck = { ms: number } | { error: string };

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

const digit = (value: string, i: number) => {
  const c = value.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -100_000;
};
const two = (value: string, i: number) => digit(value, i) * 10 + digit(value, i + 1);

/**
 * The form nearly every tool writes, `2024-04-01T17:02:01` with or without a `Z`, read without the
 * regular expressions (a million-line import reads a million of them). Null for anything else, or a
 * value that would be refused: the full reading then decides, with its reasons.
 */
function plainUtcTime(value: string): number | null {
  const n = value.length;
  if (n !== 19 && !(n === 20 && (value.charCodeAt(19) === 90 || value.charCodeAt(19) === 122))) return null;
  if (value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return null;
  if (value.charCodeAt(10) !== 84 || value.charCodeAt(13) !== 58 || value.charCodeAt(16) !== 58) return null;
  const y = two(value, 0) * 100 + two(value, 2);
  const mo = two(value, 5);
  const d = two(value, 8);
  const h = two(value, 11);
  const mi = two(value, 14);
  const s = two(value, 17);
  // A non-digit made its part negative; years before 100 take the full reading's Date.UTC care.
  if (y < 1000 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59)
    return null;
  if (d > (mo === 2 && leap(y) ? 29 : (DAYS[mo - 1] as number))) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  return isTimestampInRange(ms) ? ms : null;
}

/** Reads one `ts` / `te` value: epoch ms, or why it is refused (no key name; the caller adds it). */
export function readEventStreamTime(value: string): TimeCheck {
  const plain = plainUtcTime(value);
  if (plain !== null) return { ms: plain };
  if (!PATTERN.test(value))
    return {
      error: 'must be an ISO-8601 date and time such as 2024-04-01T17:02:01 or 2024-04-01T17:02:01+01:00',
    };
  const m = FULL.exec(value.trim());
  if (!m) return { error: `"${short(value)}" is not an ISO-8601 date and time` };
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const s = m[6] ? Number(m[6]) : 0;
  const fraction = m[7] ? Number(`0.${m[7]}`) : 0;
  const monthDays = mo === 2 && leap(y) ? 29 : DAYS[mo - 1];
  if (mo < 1 || mo > 12 || !monthDays || d < 1 || d > monthDays || h > 23 || mi > 59 || s > 59)
    return { error: `"${short(value)}" is not a real date and time` };
  let offsetMin = 0;
  if (m[9]) {
    const oh = Number(m[10]);
    const om = m[11] ? Number(m[11]) : 0;
    if (oh > 23 || om > 59) return { error: `"${short(value)}" has an impossible UTC offset` };
    offsetMin = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const date = new Date(Date.UTC(2000, mo - 1, d, h, mi, s));
  // Date.UTC reads years 0-99 as 1900-1999; set the year on its own.
  date.setUTCFullYear(y);
  const ms = date.getTime() + Math.round(fraction * 1000) - offsetMin * 60_000;
  return isTimestampInRange(ms) ? { ms } : { error: `"${short(value)}" ${TIMESTAMP_RANGE_MESSAGE}` };
}

function short(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
