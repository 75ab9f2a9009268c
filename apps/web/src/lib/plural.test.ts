import { describe, expect, it } from 'vitest';
import { noun, plural } from './plural.ts';

describe('plural', () => {
  it('says one event, 0 and many events, with separators and irregular plurals', () => {
    expect(plural(1, 'event')).toBe('1 event');
    expect(plural(0, 'event')).toBe('0 events');
    expect(plural(3000, 'event')).toBe('3,000 events');
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
    expect(noun(1, 'match', 'matches')).toBe('match');
  });
});
