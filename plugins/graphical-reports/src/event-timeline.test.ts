import { describe, expect, it } from 'vitest';
import { mondayTicks, weekends } from './event-timeline.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('event timeline axis', () => {
  // Wednesday 7 January 2026 10:00 to Wednesday 21 January 15:00 (UTC): two weeks and five hours.
  const first = at('2026-01-07T10:00:00Z');
  const last = at('2026-01-21T15:00:00Z');

  it('ticks the start, every Monday in between at the same time of day, and the end', () => {
    expect(mondayTicks(first, last)?.map(iso)).toEqual([
      '2026-01-07T10:00:00.000Z',
      '2026-01-12T10:00:00.000Z',
      '2026-01-19T10:00:00.000Z',
      '2026-01-21T15:00:00.000Z',
    ]);
  });

  it('uses Monday ticks from exactly 14 days on; shorter spans keep the automatic axis', () => {
    expect(mondayTicks(first, first + 14 * 86_400_000)?.map(iso)).toEqual([
      '2026-01-07T10:00:00.000Z',
      '2026-01-12T10:00:00.000Z',
      '2026-01-19T10:00:00.000Z',
      '2026-01-21T10:00:00.000Z',
    ]);
    expect(mondayTicks(first, first + 14 * 86_400_000 - 1)).toBeNull();
  });

  it('a span starting on a Monday ticks it once', () => {
    const monday = at('2026-01-12T08:00:00Z');
    expect(mondayTicks(monday, at('2026-01-27T09:00:00Z'))?.map(iso)).toEqual([
      '2026-01-12T08:00:00.000Z',
      '2026-01-19T08:00:00.000Z',
      '2026-01-26T08:00:00.000Z',
      '2026-01-27T09:00:00.000Z',
    ]);
  });

  it('shades each Saturday and Sunday of the span, midnight to midnight UTC', () => {
    expect(weekends(first, last).map(([a, b]) => [iso(a), iso(b)])).toEqual([
      ['2026-01-10T00:00:00.000Z', '2026-01-11T00:00:00.000Z'],
      ['2026-01-11T00:00:00.000Z', '2026-01-12T00:00:00.000Z'],
      ['2026-01-17T00:00:00.000Z', '2026-01-18T00:00:00.000Z'],
      ['2026-01-18T00:00:00.000Z', '2026-01-19T00:00:00.000Z'],
    ]);
  });

  it('includes a weekend day the span only touches (starting on Sunday afternoon, ending on Saturday)', () => {
    const spans = weekends(at('2026-01-04T15:00:00Z'), at('2026-01-17T01:00:00Z'));
    expect(spans.map(([a]) => iso(a).slice(0, 10))).toEqual([
      '2026-01-04',
      '2026-01-10',
      '2026-01-11',
      '2026-01-17',
    ]);
  });
});
