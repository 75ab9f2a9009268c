import { describe, expect, it } from 'vitest';
import {
  findSecrets,
  REDACTION_MASK,
  redactEvidence,
  SECRET_PATTERN_SPECS,
  SECRET_PATTERNS,
} from './index.ts';
import { re2Spans } from './re2-scan.testing.ts';
import { NEAR_MISS_SAMPLES } from './redact.corpus.near-miss.ts';
import { POSITIVE_SAMPLES } from './redact.corpus.positive.ts';
import { COMMAND_LINES, MIMIKATZ, RESPONDER, RUBEUS_KERBEROAST, SECRETSDUMP } from './redact.samples.ts';

/** The JavaScript spans in the same form as `re2Spans` (scanned offsets equal original ones here). */
function jsSpans(text: string): string[] {
  return findSecrets(text)
    .map((s) => `${s.pattern}@${s.start}-${s.end}`)
    .sort();
}

describe('the secret pattern catalogue', () => {
  it('holds at least 100 positive and 100 near-miss samples', () => {
    expect(POSITIVE_SAMPLES.length).toBeGreaterThanOrEqual(100);
    expect(NEAR_MISS_SAMPLES.length).toBeGreaterThanOrEqual(100);
  });

  it.each(POSITIVE_SAMPLES.map((s) => [JSON.stringify(s.text).slice(0, 90), s] as const))(
    'masks %s',
    (_, { text, secrets }) => {
      const out = redactEvidence(text);
      expect(out).toContain(REDACTION_MASK);
      for (const secret of secrets) expect(out, `${secret} still visible`).not.toContain(secret);
    },
  );

  it.each(NEAR_MISS_SAMPLES.map((t) => [JSON.stringify(t).slice(0, 90), t] as const))(
    'leaves %s alone',
    (_, text) => {
      expect(redactEvidence(text)).toBe(text);
    },
  );

  it('is plain data: names, RE2-compatible sources and flags, no compiled state', () => {
    expect(new Set(SECRET_PATTERN_SPECS.map((p) => p.name)).size).toBe(SECRET_PATTERN_SPECS.length);
    const roundTrip = JSON.parse(JSON.stringify(SECRET_PATTERN_SPECS));
    expect(roundTrip).toEqual(SECRET_PATTERN_SPECS.map((p) => ({ ...p })));
    for (const p of SECRET_PATTERN_SPECS) {
      expect(p.source, p.name).toContain('(?<secret');
      // Lookaround and backreferences do not exist on linear-time engines.
      expect(p.source, p.name).not.toMatch(/\(\?<?[=!]|\\[1-9]|\\k</);
    }
    expect(SECRET_PATTERNS.map((p) => p.name)).toEqual(SECRET_PATTERN_SPECS.map((p) => p.name));
  });

  it('finds exactly the same spans on RE2 (re2js) as here, over the whole corpus and the tool outputs', () => {
    const texts = [
      ...POSITIVE_SAMPLES.map((s) => s.text).filter((t) => !t.includes('\u200b')),
      ...NEAR_MISS_SAMPLES,
      SECRETSDUMP,
      RUBEUS_KERBEROAST,
      RESPONDER,
      MIMIKATZ,
      COMMAND_LINES,
    ];
    for (const text of texts) expect(re2Spans(text, SECRET_PATTERN_SPECS), text).toEqual(jsSpans(text));
  }, 180_000);
});
