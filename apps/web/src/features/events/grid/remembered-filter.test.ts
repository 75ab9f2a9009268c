import { describe, expect, it } from 'vitest';
import { canonicalFilter, filterFromServer, readRemembered, writeRemembered } from './remembered-filter.ts';

const memoryStorage = () => {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
  };
};

describe('the remembered grid filter', () => {
  it("keeps this browser's copy per user and engagement, with whether the server has it", () => {
    const storage = memoryStorage();
    writeRemembered(storage, 7, 'ACME', { query: 'detected=FUL', synced: true });
    writeRemembered(storage, 7, 'BETA', { query: 'starred=true', synced: false });
    expect(readRemembered(storage, 7, 'ACME')).toEqual({ query: 'detected=FUL', synced: true });
    expect(readRemembered(storage, 7, 'BETA')).toEqual({ query: 'starred=true', synced: false });
    expect(readRemembered(storage, 8, 'ACME')).toBeNull();
    // A copy from before the server kept filters is a bare query: it still opens, and is sent on.
    storage.items.set('steppingstones.events.filter.9.ACME', 'search=lsass');
    expect(readRemembered(storage, 9, 'ACME')).toEqual({ query: 'search=lsass', synced: false });
    storage.items.set('steppingstones.events.filter.9.BETA', '{broken');
    expect(readRemembered(storage, 9, 'BETA')).toBeNull();
    expect(readRemembered(undefined, 7, 'ACME')).toBeNull();
  });

  it('writes a filter from elsewhere the way the grid writes its URL', () => {
    expect(canonicalFilter('search=lsass&detected=PAR,FUL&sort=-timestamp')).toBe(
      'search=lsass&detected=PAR%2CFUL',
    );
    expect(canonicalFilter('')).toBe('');
  });

  it("takes the server's filter when this browser has none, or an older one the user has not touched", () => {
    const synced = { query: 'detected=FUL', synced: true };
    // Nothing saved on the server: stay.
    expect(filterFromServer({ local: null, server: null, shown: '' })).toBeNull();
    // A new machine: the server's filter.
    expect(filterFromServer({ local: null, server: 'tactic=TA0006', shown: '' })).toBe('tactic=TA0006');
    // This browser painted an older filter; the one left on another machine wins.
    expect(filterFromServer({ local: synced, server: 'starred=true', shown: 'detected=FUL' })).toBe(
      'starred=true',
    );
    // ...also when that was "no filter at all".
    expect(filterFromServer({ local: synced, server: '', shown: 'detected=FUL' })).toBe('');
    // Already there (in another spelling): stay.
    expect(
      filterFromServer({ local: synced, server: 'detected=FUL&sort=-timestamp', shown: 'detected=FUL' }),
    ).toBeNull();
    // The user changed the filter since the first paint: theirs stays.
    expect(filterFromServer({ local: synced, server: 'starred=true', shown: 'search=x' })).toBeNull();
    // This browser's copy never reached the server: it is the newer one, and stays.
    expect(
      filterFromServer({
        local: { query: 'detected=FUL', synced: false },
        server: 'starred=true',
        shown: 'detected=FUL',
      }),
    ).toBeNull();
  });
});
