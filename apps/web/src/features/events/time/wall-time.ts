/**
 * Wall time + IANA zone ⇄ UTC, with Intl only (no timezone database shipped to the browser).
 *
 * A wall time is what a clock on the wall in that zone showed: `YYYY-MM-DDTHH:MM[:SS]`. Converting it
 * to an instant has three outcomes: exactly one instant; none (the clocks jumped over it: a DST gap,
 * which we reject rather than silently shifting); or two (the clocks went back and showed it twice: a
 * DST overlap, where the user has to say which one they meant).
 */

export interface WallTimeCandidate {
  /** The instant, epoch ms. */
  utcMs: number;
  /** The zone's offset from UTC at that instant, in minutes (Berlin in summer: 120). */
  offsetMinutes: number;
}

export type WallTimeResult =
  | { kind: 'invalid'; message: string }
  | { kind: 'gap'; message: string }
  | { kind: 'ok'; utcMs: number; offsetMinutes: number }
  | { kind: 'ambiguous'; candidates: [WallTimeCandidate, WallTimeCandidate] };

const WALL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      era: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Whether the browser knows this IANA zone. */
export function isKnownZone(zone: string): boolean {
  try {
    partsFormatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `zone` at `utcMs`, as epoch ms of the same clock reading in UTC (seconds kept, ms dropped). */
function wallAsUtcMs(utcMs: number, zone: string): number {
  const parts: Record<string, string> = {};
  for (const p of partsFormatter(zone).formatToParts(new Date(utcMs))) parts[p.type] = p.value;
  let year = Number(parts.year);
  if (parts.era === 'BC' || parts.era === 'B') year = 1 - year;
  return Date.UTC(
    year,
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
}

/** The zone's offset from UTC at an instant, in whole minutes. */
export function zoneOffsetMinutes(utcMs: number, zone: string): number {
  const whole = Math.floor(utcMs / 1000) * 1000;
  return Math.round((wallAsUtcMs(whole, zone) - whole) / 60_000);
}

/** `+02:00`, `-03:30`, `+00:00`. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${sign}${hh}:${mm}`;
}

/** Converts a wall time in an IANA zone to UTC. Seconds are kept; without seconds they are :00. */
export function wallTimeToUtc(wall: string, zone: string): WallTimeResult {
  const m = WALL.exec(wall.trim());
  if (!m) return { kind: 'invalid', message: 'Enter a date and time such as 2026-11-23 14:05:30.' };
  if (!isKnownZone(zone))
    return { kind: 'invalid', message: `"${zone}" is not a timezone this browser knows.` };
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const naive = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(naive);
  if (
    check.getUTCFullYear() !== y ||
    check.getUTCMonth() !== mo - 1 ||
    check.getUTCDate() !== d ||
    h > 23 ||
    mi > 59 ||
    s > 59
  )
    return { kind: 'invalid', message: 'This date does not exist; check the day and month.' };

  // The offsets in force a day either side cover any single transition near this wall time.
  const offsets = new Set<number>([
    zoneOffsetMinutes(naive - 86_400_000, zone),
    zoneOffsetMinutes(naive, zone),
    zoneOffsetMinutes(naive + 86_400_000, zone),
  ]);
  const found = new Map<number, WallTimeCandidate>();
  for (const offset of offsets) {
    const utcMs = naive - offset * 60_000;
    if (wallAsUtcMs(utcMs, zone) === naive) found.set(utcMs, { utcMs, offsetMinutes: offset });
  }
  const candidates = [...found.values()].sort((a, b) => a.utcMs - b.utcMs);
  if (candidates.length === 0)
    return {
      kind: 'gap',
      message: `This time does not exist in ${zone}: the clocks skipped it (daylight saving). Enter a time before or after the change.`,
    };
  if (candidates.length === 1) {
    const only = candidates[0] as WallTimeCandidate;
    return { kind: 'ok', utcMs: only.utcMs, offsetMinutes: only.offsetMinutes };
  }
  return {
    kind: 'ambiguous',
    candidates: [candidates[0], candidates[1]] as [WallTimeCandidate, WallTimeCandidate],
  };
}

/** An instant shown as the wall time in `zone`: `YYYY-MM-DDTHH:MM:SS` (what a datetime-local input takes). */
export function utcToWallTime(utc: string | number | Date, zone: string): string {
  const ms = utc instanceof Date ? utc.getTime() : typeof utc === 'number' ? utc : Date.parse(utc);
  if (Number.isNaN(ms)) return '';
  const safeZone = isKnownZone(zone) ? zone : 'UTC';
  return new Date(wallAsUtcMs(ms, safeZone)).toISOString().slice(0, 19);
}

/** ISO-8601 UTC with `Z`, seconds always present (the API's format). */
export function toIsoUtc(utcMs: number): string {
  return new Date(utcMs).toISOString();
}
