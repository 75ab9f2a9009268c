import { RE2JS } from 're2js';
import { scanTextOf } from './scan-text.ts';
import type { SecretPatternSpec } from './secret-patterns.ts';

/**
 * The scanning protocol of `secret-patterns.ts` run on RE2 (re2js), as the credential extractors will:
 * proves each catalogue pattern compiles on a linear-time engine and finds the same spans there.
 * Spans are in scanned-text offsets (enough to compare the engines).
 */
const cache = new WeakMap<SecretPatternSpec, { re: RE2JS; ignore: RE2JS | null; names: string[] }>();

function compiled(spec: SecretPatternSpec) {
  let entry = cache.get(spec);
  if (!entry) {
    const re = RE2JS.compile(spec.source, spec.flags === 'i' ? RE2JS.CASE_INSENSITIVE : 0);
    entry = {
      re,
      ignore: spec.ignore ? RE2JS.compile(spec.ignore, RE2JS.CASE_INSENSITIVE) : null,
      names: Object.keys(re.namedGroups()).filter((n) => n.startsWith('secret')),
    };
    cache.set(spec, entry);
  }
  return entry;
}

export function re2Spans(text: string, specs: readonly SecretPatternSpec[]): string[] {
  const s = scanTextOf(text).text;
  const out: string[] = [];
  for (const spec of specs) {
    const { re, ignore, names } = compiled(spec);
    const m = re.matcher(s);
    let from = 0;
    while (from <= s.length && m.find(from)) {
      let resume = m.start() + 1;
      for (const name of names) {
        const start = m.start(name);
        const end = m.end(name);
        if (start < 0 || end <= start) continue;
        resume = Math.max(resume, end);
        if (ignore?.matcher(s.slice(start, end)).find()) continue;
        out.push(`${spec.name}@${start}-${end}`);
      }
      from = resume;
    }
  }
  return out.sort();
}
