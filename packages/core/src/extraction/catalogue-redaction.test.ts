import { describe, expect, it } from 'vitest';
import { redactorFor } from '../events/event.redaction.ts';
import type { Principal } from '../permissions/index.ts';
import { EXTRACTORS } from './catalogue.ts';
import { extractCredentials } from './extract.ts';
import { FIXTURES } from './fixtures/index.ts';

/** A blue team reader: member of engagement 1, without `credential.view`. */
const blueTeam: Principal = {
  userId: 2,
  username: 'blue',
  isSuperuser: false,
  permissions: new Set(['event.view']) as Principal['permissions'],
  engagementIds: [1],
  grants: { 1: ['event.view'] as Principal['permissions'] extends ReadonlySet<infer C> ? C[] : never },
  via: 'session',
};
const redact = redactorFor(blueTeam);

const squash = (s: string) => s.replace(/\s+/g, '').toLowerCase();
/** The hex runs of a hash long enough to identify it (16+ characters). */
const hexRuns = (hash: string) => hash.match(/[0-9a-fA-F]{16,}/g) ?? [];

describe('one catalogue: what the extractors find, the redaction masks', () => {
  it('masks for a reader without credential.view', () => {
    expect(redact('x')).toBe('x');
    expect(redact(FIXTURES[0]?.text ?? '')).not.toBe(FIXTURES[0]?.text);
  });

  it.each(FIXTURES.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
    const masked = redact(fixture.text);
    const visible = squash(masked);
    for (const f of extractCredentials(fixture.text, { defaultSystem: fixture.defaultSystem })) {
      for (const run of hexRuns(f.hash))
        expect(visible, `hash of ${f.account}`).not.toContain(run.toLowerCase());
      if (f.hash && !/^[0-9a-f]+$/i.test(f.hash))
        expect(masked, `hash of ${f.account}`).not.toContain(f.hash);
      if (f.secret && f.secret.length >= 4) expect(masked, `secret of ${f.account}`).not.toContain(f.secret);
    }
  });

  it("masks every span the catalogue patterns mark as secret in their extractors' samples", () => {
    for (const fixture of FIXTURES) {
      const text = fixture.text.replace(/\r\n/g, '\n');
      const masked = redact(text);
      const own = EXTRACTORS.find((e) => e.name === fixture.extractor)?.patterns ?? [];
      for (const pattern of own) {
        if (pattern.secretGroups.length === 0) continue;
        const lines = pattern.flags?.multiline || !pattern.source.startsWith('^') ? [text] : text.split('\n');
        for (const line of lines) {
          for (const m of pattern.re.all(line)) {
            for (const g of pattern.secretGroups) {
              const value = m[g]?.trim();
              if (value && value.length >= 8)
                expect(masked, `${pattern.name}.${g} in ${fixture.name}`).not.toContain(value);
            }
          }
        }
      }
    }
  });
});
