import { entryTime, type LogDay, stripColourCodes } from './cs-text.ts';

/** One multi-line log entry: `MM/DD HH:MM:SS <tz> [type] body`. */
export interface LogEntry {
  line: number;
  at: number;
  type: string;
  body: string;
}

const START = /^(\d\d\/\d\d \d\d:\d\d:\d\d)(?: [A-Za-z]{1,6}| [+-]\d{2}:?\d{2})? \[([a-z_]+)\] ?(.*)$/;

/**
 * Splits a beacon / SSH log into entries. A line that starts no entry continues the previous one
 * (command output spans many lines); text before the first entry, and entries whose date cannot be
 * read, are reported by line number.
 */
export function splitEntries(
  text: string,
  day: LogDay,
): { entries: LogEntry[]; bad: Array<{ line: number; reason: string }> } {
  const entries: LogEntry[] = [];
  const bad: Array<{ line: number; reason: string }> = [];
  let current: LogEntry | null = null;
  const lines = stripColourCodes(text.replace(/\r\n?/g, '\n')).split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    const m = START.exec(raw);
    if (m) {
      const at = entryTime(day, m[1] as string);
      if (at === null) {
        bad.push({ line: i + 1, reason: `the date "${m[1]}" is not a valid date` });
        current = null;
        continue;
      }
      current = { line: i + 1, at, type: m[2] as string, body: m[3] as string };
      entries.push(current);
    } else if (current) {
      current.body += `\n${raw}`;
    } else if (raw.trim() !== '') {
      bad.push({ line: i + 1, reason: 'text before the first dated entry' });
    }
  }
  for (const e of entries) e.body = e.body.replace(/^\n+/, '').replace(/\s+$/, '');
  return { entries, bad };
}
