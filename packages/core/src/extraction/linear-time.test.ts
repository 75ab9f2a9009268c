import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { EXTRACTORS, SECRET_CATALOGUE } from './catalogue.ts';
import { resetScanMeter, scanMeter } from './engine.ts';
import { hostileText } from './fixtures/hostile.ts';

const MB = 1024 * 1024;

function work(extractorName: string, size: number): number {
  const extractor = EXTRACTORS.find((e) => e.name === extractorName);
  if (!extractor) throw new Error(extractorName);
  const text = hostileText(extractorName, size);
  resetScanMeter();
  if (extractor.mayMatch(text)) extractor.extract(text);
  return scanMeter.chars;
}

describe('linear-time safety', () => {
  it.each(SECRET_CATALOGUE.map((p) => [p.name, p] as const))('pattern %s compiles on RE2', (_n, pattern) => {
    expect(pattern.re.re).toBeInstanceOf(RE2JS);
    // The same source is valid JavaScript too, so the redaction can use it as it is.
    expect(() => new RegExp(pattern.source, pattern.flags?.caseInsensitive ? 'i' : '')).not.toThrow();
    for (const group of pattern.secretGroups) expect(pattern.source).toContain(`(?<${group}>`);
  });

  it('names every pattern once (the catalogue and the redaction test refer to them by name)', () => {
    expect(SECRET_CATALOGUE.length).toBe(new Set(EXTRACTORS.flatMap((e) => e.patterns)).size);
  });

  it('rejects what a backtracking engine would accept (RE2 really is the engine)', () => {
    expect(() => RE2JS.compile('(a+)\\1')).toThrow();
    expect(() => RE2JS.compile('a(?=b)')).toThrow();
  });

  // The engine and the extractors' scans report the characters they examine: 4 MB of hostile text
  // must cost four times 1 MB (no re-scanning from every marker) and a small constant per character.
  it.each(EXTRACTORS.map((e) => [e.name] as const))('%s: work grows linearly on near-misses', (name) => {
    const one = work(name, MB);
    const four = work(name, 4 * MB);
    expect(one).toBeGreaterThan(0);
    expect(four / one).toBeGreaterThan(3.5);
    expect(four / one).toBeLessThan(4.5);
    expect(four / (4 * MB)).toBeLessThan(40);
  });
});
