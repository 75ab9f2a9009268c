/**
 * Cobalt Strike colour and formatting codes: \x03 followed by one hex digit (colour), and the bare
 * bold / underline / reverse / reset codes. Other control characters (but tab and newline) go too.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point.
const CODES = /\x03[0-9a-fA-F]?|[\x00-\x08\x0b-\x1f\x7f]/g;

export function stripColourCodes(text: string): string {
  return text.replace(CODES, '');
}

/** The day a log belongs to, from its `YYMMDD` folder (logs/261231/…), as UTC parts. */
export interface LogDay {
  year: number;
  month: number;
  day: number;
}

export function dayFromPath(path: string): LogDay | null {
  const parts = path.split(/[\\/]/);
  for (let i = parts.length - 2; i >= 0; i--) {
    const m = /^(\d\d)(\d\d)(\d\d)$/.exec(parts[i] as string);
    if (!m) continue;
    const month = Number(m[2]);
    const day = Number(m[3]);
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) return { year: 2000 + Number(m[1]), month, day };
  }
  return null;
}

/**
 * `MM/DD HH:MM:SS` of an entry as epoch ms (UTC), the year taken from the folder's day: an entry of
 * January in a December folder (a log running past midnight on New Year's Eve) is the next year's,
 * one of December in a January folder the previous year's.
 */
export function entryTime(day: LogDay, stamp: string): number | null {
  const m = /^(\d\d)\/(\d\d) (\d\d):(\d\d):(\d\d)/.exec(stamp);
  if (!m) return null;
  const month = Number(m[1]);
  let year = day.year;
  if (day.month === 12 && month === 1) year++;
  else if (day.month === 1 && month === 12) year--;
  const ms = Date.UTC(year, month - 1, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
  const check = new Date(ms);
  if (check.getUTCMonth() !== month - 1 || Number(m[3]) > 23 || Number(m[4]) > 59 || Number(m[5]) > 59)
    return null;
  return ms;
}
