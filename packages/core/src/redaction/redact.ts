import { SECRET_PATTERNS, type SecretPattern } from './secret-patterns.ts';

/** What replaces every secret span. Fixed, so tests and users can recognise it. */
export const REDACTION_MASK = '«redacted»';

export interface SecretSpan {
  pattern: string;
  start: number;
  end: number;
  value: string;
}

/** Every secret span in `text`, in order of position (spans of different patterns may overlap). */
export function findSecrets(
  text: string,
  patterns: readonly SecretPattern[] = SECRET_PATTERNS,
): SecretSpan[] {
  const spans: SecretSpan[] = [];
  if (!text) return spans;
  for (const p of patterns) {
    // `d` gives group offsets; a fresh regex per call keeps `lastIndex` state local (no shared mutable state).
    const re = new RegExp(p.regex.source, p.regex.flags.includes('d') ? p.regex.flags : `${p.regex.flags}d`);
    for (const m of text.matchAll(re)) {
      const groups = m.indices?.groups;
      if (!groups) continue;
      for (const [name, range] of Object.entries(groups)) {
        if (!range || !name.startsWith('secret') || range[1] <= range[0]) continue;
        spans.push({
          pattern: p.name,
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
  if (!text) return false;
  for (const p of SECRET_PATTERNS) {
    const re = new RegExp(p.regex.source, p.regex.flags.includes('d') ? p.regex.flags : `${p.regex.flags}d`);
    for (const m of text.matchAll(re)) {
      const groups = m.indices?.groups ?? {};
      if (Object.entries(groups).some(([n, r]) => n.startsWith('secret') && r && r[1] > r[0])) return true;
    }
  }
  return false;
}
