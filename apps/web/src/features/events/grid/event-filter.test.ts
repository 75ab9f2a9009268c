import { describe, expect, it } from 'vitest';
import {
  EMPTY_FILTER,
  eventListPath,
  filterFromSearchParams,
  filterToSearchParams,
  isFiltered,
} from './event-filter.ts';

describe('the grid filter in the URL', () => {
  it('round-trips every field and leaves defaults out of the URL', () => {
    const f = {
      ...EMPTY_FILTER,
      search: 'mimikatz',
      tag: ['phish', 'ad'],
      tactic: 'TA0006',
      technique: 'T1003.001',
      detected: ['NEG', 'PAR'],
      prevented: ['FUL'],
      operator: 'alice',
      starred: true,
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-30T23:59:59.000Z',
      sort: 'detected',
    };
    const params = filterToSearchParams(f);
    expect(filterFromSearchParams(new URLSearchParams(params.toString()))).toEqual(f);
    expect(filterToSearchParams(EMPTY_FILTER).toString()).toBe('');
    expect(isFiltered(EMPTY_FILTER)).toBe(false);
    expect(isFiltered({ ...EMPTY_FILTER, sort: 'timestamp' })).toBe(false);
    expect(isFiltered({ ...EMPTY_FILTER, untagged: true })).toBe(true);
  });

  it('always sends the engagement, the sort and the page size with the filter', () => {
    const path = eventListPath('ACME', { ...EMPTY_FILTER, detected: ['FUL'] });
    const q = new URL(path, 'http://x').searchParams;
    expect(q.get('engagement')).toBe('ACME');
    expect(q.get('sort')).toBe('-timestamp');
    expect(q.get('detected')).toBe('FUL');
    expect(q.get('page_size')).toBe('100');
  });
});
