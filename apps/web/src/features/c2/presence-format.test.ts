import { describe, expect, it } from 'vitest';
import { presenceSlices, presenceText } from './presence-format.ts';

describe('presence bar text and layout', () => {
  const day = [
    { start: '2026-03-01T10:02:00Z', end: '2026-03-01T10:47:00Z' },
    { start: '2026-03-01T11:30:00Z', end: '2026-03-01T12:05:00Z' },
  ];

  it('reads the intervals out in the user zone, with the date when the day changes', () => {
    expect(presenceText(day, 'UTC')).toBe('present 10:02–10:47, 11:30–12:05');
    expect(presenceText(day, 'Europe/Berlin')).toBe('present 11:02–11:47, 12:30–13:05');
    expect(
      presenceText(
        [
          { start: '2026-12-31T23:50:01Z', end: '2026-12-31T23:50:40Z' },
          { start: '2027-01-01T00:10:05Z', end: '2027-01-01T00:10:05Z' },
        ],
        'UTC',
      ),
    ).toBe('present 23:50–23:50, 2027-01-01 00:10–00:10');
    expect(presenceText([], 'UTC')).toBe('no check-ins recorded');
  });

  it('places each interval on the bar, a single check-in still visible', () => {
    const from = Date.parse('2026-03-01T10:00:00Z');
    const to = Date.parse('2026-03-01T12:00:00Z');
    expect(
      presenceSlices(
        [{ start: '2026-03-01T11:00:00Z', end: '2026-03-01T11:00:00Z' }, ...day.slice(0, 1)],
        from,
        to,
      ),
    ).toEqual([
      { left: 50, width: 1 },
      { left: (2 / 120) * 100, width: (45 / 120) * 100 },
    ]);
  });
});
