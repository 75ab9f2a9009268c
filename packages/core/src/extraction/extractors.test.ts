import { describe, expect, it } from 'vitest';
import { EXTRACTORS } from './catalogue.ts';
import { extractCredentials } from './extract.ts';
import { FIXTURES, NEAR_MISSES } from './fixtures/index.ts';

const byName = new Map(EXTRACTORS.map((e) => [e.name, e]));

describe('credential extractors', () => {
  it.each(FIXTURES.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
    const found = extractCredentials(fixture.text, { defaultSystem: fixture.defaultSystem });
    expect(found.length).toBe(fixture.expected.length);
    for (const [i, want] of fixture.expected.entries()) expect(found[i]).toMatchObject(want);
  });

  it.each(FIXTURES.map((f) => [f.name, f] as const))('%s: found by its own extractor', (_name, fixture) => {
    const extractor = byName.get(fixture.extractor);
    expect(extractor, fixture.extractor).toBeDefined();
    expect(extractor?.mayMatch(fixture.text.replace(/\r\n/g, '\n'))).toBe(true);
    expect(extractor?.extract(fixture.text.replace(/\r\n/g, '\n')).length).toBeGreaterThan(0);
  });

  it.each(NEAR_MISSES.map((n) => [n.name, n.text] as const))('finds nothing in: %s', (_name, text) => {
    expect(extractCredentials(text)).toEqual([]);
  });

  it('has a fixture for every extractor', () => {
    const covered = new Set(FIXTURES.map((f) => f.extractor));
    expect(EXTRACTORS.map((e) => e.name).filter((n) => !covered.has(n))).toEqual([]);
  });
});
