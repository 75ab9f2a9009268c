import { describe, expect, it } from 'vitest';
import { formatCalendarDate, formatDateTime, formatDateTimeSeconds, timezoneList } from './dates.ts';

describe('dates shown in the user timezone and locale', () => {
  it('takes the date and the time from the same zone (the original showed the UTC date near midnight)', () => {
    // 23:30 UTC on the 23rd is already the 24th in Tokyo and still the 23rd in New York.
    expect(formatDateTime('2026-11-23T23:30:00Z', 'Asia/Tokyo', 'en-GB')).toBe('24/11/2026, 08:30');
    expect(formatDateTime('2026-11-24T01:30:00Z', 'America/New_York', 'en-GB')).toBe('23/11/2026, 20:30');
  });

  it("follows the browser's locale for the order of day and month", () => {
    expect(formatDateTime('2026-03-04T12:00:00Z', 'UTC', 'en-US')).toBe('3/4/26, 12:00 PM');
    expect(formatDateTime('2026-03-04T12:00:00Z', 'UTC', 'de-DE')).toBe('04.03.26, 12:00');
    expect(formatDateTimeSeconds('2026-03-04T12:00:09Z', 'UTC', 'en-GB')).toBe('04/03/2026, 12:00:09');
  });

  it('never breaks a page on an unknown zone or an empty value', () => {
    expect(formatDateTime('2026-03-04T12:00:00Z', 'Mars/Olympus_Mons', 'en-GB')).toMatch(
      /^04\/03\/2026, \d\d:00$/,
    );
    expect(formatDateTime(null, 'UTC')).toBe('');
    expect(formatDateTime('not a date', 'UTC')).toBe('not a date');
  });

  it('shows calendar dates (engagement start and end) without shifting the day', () => {
    expect(formatCalendarDate('2026-11-01', 'en-GB')).toBe('1 Nov 2026');
  });

  it('offers UTC first among the zones', () => {
    const zones = timezoneList();
    expect(zones[0]).toBe('UTC');
    expect(zones).toContain('Europe/London');
  });
});
