import { describe, expect, it } from 'vitest';
import { chooseAll, diffThreeWay, initialChoices, sameValue, unresolvedFields } from './three-way.ts';

const FIELDS = ['a', 'b', 'c', 'd', 'e'] as const;
type F = (typeof FIELDS)[number];
const record = (a: unknown, b: unknown, c: unknown, d: unknown, e: unknown): Record<F, unknown> => ({
  a,
  b,
  c,
  d,
  e,
});

describe('three-way field comparison', () => {
  const base = record('x', 'x', 'x', 'x', { host: 'DC01', user: '' });
  // a: untouched; b: only mine; c: only theirs; d: both, differently; e: both, to the same value.
  const mine = record('x', 'mine', 'x', 'mine', { user: 'adm', host: 'DC02' });
  const theirs = record('x', 'x', 'theirs', 'theirs', { host: 'DC02', user: 'adm' });
  const diffs = diffThreeWay(FIELDS, base, mine, theirs);

  it('lists only fields where mine and theirs disagree, saying who moved each from the base', () => {
    expect(diffs).toEqual([
      { field: 'b', changedBy: 'mine' },
      { field: 'c', changedBy: 'theirs' },
      { field: 'd', changedBy: 'both' },
    ]);
  });

  it('pre-selects the only change of a field, and leaves a field both changed for the user', () => {
    const choices = initialChoices(diffs);
    expect(choices).toEqual({ b: 'mine', c: 'theirs' });
    expect(unresolvedFields(diffs, choices)).toEqual(['d']);
    expect(unresolvedFields(diffs, { ...choices, d: 'theirs' })).toEqual([]);
  });

  it('"keep all mine" and "take all theirs" set every difference', () => {
    expect(chooseAll(diffs, 'mine')).toEqual({ b: 'mine', c: 'mine', d: 'mine' });
    expect(chooseAll(diffs, 'theirs')).toEqual({ b: 'theirs', c: 'theirs', d: 'theirs' });
  });

  it('compares by content: key order does not count, list order and null vs empty do', () => {
    expect(sameValue({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue(null, '')).toBe(false);
  });

  it('nothing to merge when both made the same edits', () => {
    expect(diffThreeWay(FIELDS, base, mine, mine)).toEqual([]);
  });
});
