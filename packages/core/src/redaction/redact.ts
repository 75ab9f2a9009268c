import { SECRET_PATTERNS, type SecretPattern } from './secret-patterns.ts';

/** What replaces every secret span. Fixed, so tests and users can recognise it. */
export const REDACTION_MASK = '«redacted»';

export interface SecretSpan {
  pattern: string;
  start: number;
  end: number;
  value: string;
}

interface CompiledPattern {
  pattern: SecretPattern;
  /** Same source without `g` / `d`: a cheap yes/no first, since most text holds no secret at all. */
  probe: RegExp;
  /** Global with `d` (match indices), for the group offsets of the rare text that does. */
  scanner: RegExp;
}

function compile(p: SecretPattern): CompiledPattern {
  const flags = p.regex.flags.replace(/[gdy]/g, '');
  return {
    pattern: p,
    probe: new RegExp(p.regex.source, flags),
    scanner: new RegExp(p.regex.source, `${flags}gd`),
  };
}

const compiledCache = new WeakMap<readonly SecretPattern[], CompiledPattern[]>();

/** Regexes compiled once per pattern list (compiling 27 of them per call dominated search indexing). */
function compiled(patterns: readonly SecretPattern[]): CompiledPattern[] {
  let list = compiledCache.get(patterns);
  if (!list) {
    list = patterns.map(compile);
    compiledCache.set(patterns, list);
  }
  return list;
}

/** Every secret span in `text`, in order of position (spans of different patterns may overlap). */
export function findSecrets(
  text: string,
  patterns: readonly SecretPattern[] = SECRET_PATTERNS,
): SecretSpan[] {
  const spans: SecretSpan[] = [];
  if (!text) return spans;
  for (const { pattern, probe, scanner } of compiled(patterns)) {
    if (!probe.test(text)) continue;
    // Synchronous from here to the end of the loop, so the shared scanner's lastIndex cannot interleave.
    scanner.lastIndex = 0;
    for (let m = scanner.exec(text); m !== null; m = scanner.exec(text)) {
      if (m[0] === '') scanner.lastIndex++;
      const groups = m.indices?.groups;
      if (!groups) continue;
      for (const [name, range] of Object.entries(groups)) {
        if (!range || !name.startsWith('secret') || range[1] <= range[0]) continue;
        spans.push({
          pattern: pattern.name,
          start: range[0],
          end: range[1],
          value: text.slice(range[0], range[1]),
        });
      }
    }
  }
  return spans.sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * Masks every secret span (hashes, tickets, challenge responses, passwords) and keeps the rest:
 * `bob:1104:aad3…:8846…:::` becomes `bob:1104:«redacted»:::`. Overlapping spans are merged.
 */
export function redactEvidence(text: string): string {
  const spans = findSecrets(text);
  if (!spans.length) return text;
  let out = '';
  let at = 0;
  let i = 0;
  while (i < spans.length) {
    const start = spans[i]!.start;
    let end = spans[i]!.end;
    i++;
    while (i < spans.length && spans[i]!.start <= end) {
      end = Math.max(end, spans[i]!.end);
      i++;
    }
    if (start > at) out += text.slice(at, start);
    out += REDACTION_MASK;
    at = Math.max(at, end);
  }
  return out + text.slice(at);
}

/** True when `text` holds at least one secret-shaped span. */
export function containsSecrets(text: string): boolean {
  return findSecrets(text).length > 0;
}
