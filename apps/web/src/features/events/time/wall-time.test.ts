import { describe, expect, it } from 'vitest';
import { formatOffset, utcToWallTime, wallTimeToUtc } from './wall-time.ts';

const iso = (r: ReturnType<typeof wallTimeToUtc>) =>
  r.kind === 'ok' ? new Date(r.utcMs).toISOString() : r.kind;

describe('wall time + zone → UTC', () => {
  it('converts an ordinary time in the chosen zone, keeping seconds', () => {
    expect(iso(wallTimeToUtc('2026-11-23T14:05:37', 'Europe/Berlin'))).toBe('2026-11-23T13:05:37.000Z');
    expect(iso(wallTimeToUtc('2026-07-01T14:05:37', 'Europe/Berlin'))).toBe('2026-07-01T12:05:37.000Z');
    expect(iso(wallTimeToUtc('2026-07-01T14:05', 'America/New_York'))).toBe('2026-07-01T18:05:00.000Z');
    expect(iso(wallTimeToUtc('2026-07-01 09:00:01', 'Asia/Kolkata'))).toBe('2026-07-01T03:30:01.000Z');
    expect(iso(wallTimeToUtc('2026-07-01T09:00:01', 'UTC'))).toBe('2026-07-01T09:00:01.000Z');
  });

  it('rejects a time the clocks skipped (spring forward), naming the zone', () => {
    const r = wallTimeToUtc('2026-03-29T02:30:00', 'Europe/Berlin');
    expect(r.kind).toBe('gap');
    if (r.kind === 'gap') expect(r.message).toMatch(/does not exist in Europe\/Berlin/);
    expect(wallTimeToUtc('2026-03-08T02:15', 'America/New_York').kind).toBe('gap');
    // Either side of the gap is fine.
    expect(iso(wallTimeToUtc('2026-03-29T01:59:59', 'Europe/Berlin'))).toBe('2026-03-29T00:59:59.000Z');
    expect(iso(wallTimeToUtc('2026-03-29T03:00:00', 'Europe/Berlin'))).toBe('2026-03-29T01:00:00.000Z');
  });

  it('offers both instants of a time shown twice (fall back), earlier first', () => {
    const r = wallTimeToUtc('2026-10-25T02:30:00', 'Europe/Berlin');
    expect(r.kind).toBe('ambiguous');
    if (r.kind !== 'ambiguous') return;
    expect(r.candidates.map((c) => new Date(c.utcMs).toISOString())).toEqual([
      '2026-10-25T00:30:00.000Z',
      '2026-10-25T01:30:00.000Z',
    ]);
    expect(r.candidates.map((c) => formatOffset(c.offsetMinutes))).toEqual(['+02:00', '+01:00']);
  });

  it('refuses impossible dates and unknown zones', () => {
    expect(wallTimeToUtc('2026-02-30T10:00', 'UTC').kind).toBe('invalid');
    expect(wallTimeToUtc('2026-13-01T10:00', 'UTC').kind).toBe('invalid');
    expect(wallTimeToUtc('yesterday', 'UTC').kind).toBe('invalid');
    expect(wallTimeToUtc('2026-01-01T10:00', 'Mars/Olympus_Mons').kind).toBe('invalid');
  });
});

describe('UTC → wall time', () => {
  it('shows the instant on the zone clock with seconds, and round-trips', () => {
    expect(utcToWallTime('2026-11-23T23:30:15Z', 'Europe/Berlin')).toBe('2026-11-24T00:30:15');
    expect(utcToWallTime('2026-11-23T23:30:15Z', 'America/Los_Angeles')).toBe('2026-11-23T15:30:15');
    const back = wallTimeToUtc(
      utcToWallTime('2026-06-15T08:09:10Z', 'Australia/Adelaide'),
      'Australia/Adelaide',
    );
    expect(iso(back)).toBe('2026-06-15T08:09:10.000Z');
  });
});
