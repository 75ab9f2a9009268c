import { originalRange, scanTextOf } from './scan-text.ts';
import { SECRET_PATTERNS, type SecretPattern } from './secret-patterns.ts';

/** What replaces every secret span. Fixed, so tests and users can recognise it. */
export const REDACTION_MASK = '«redacted»';

export interface SecretSpan {
  pattern: string;
  start: number;
  end: number;
  value: string;
}

/** A cheap yes/no per pattern first (same source, no `g` / `d`): most text holds no secret at all. */
const probes = new WeakMap<SecretPattern, RegExp>();
function probeOf(p: SecretPattern): RegExp {
  let probe = probes.get(p);
  if (!probe) {
    probe = new RegExp(p.source, p.flags);
    probes.set(p, probe);
  }
  return probe;
}

/** Every secret span in `text`, in order of position (spans of different patterns may overlap). */
export function findSecrets(
  text: string,
  patterns: readonly SecretPattern[] = SECRET_PATTERNS,
): SecretSpan[] {
  const spans: SecretSpan[] = [];
  if (!text) return spans;
  const scan = scanTextOf(text);
  const s = scan.text;
  for (const pattern of patterns) {
    if (!probeOf(pattern).test(s)) continue;
    const scanner = pattern.regex;
    // Synchronous from here to the end of the loop, so the shared scanner's lastIndex cannot interleave.
    scanner.lastIndex = 0;
    for (let m = scanner.exec(s); m !== null; m = scanner.exec(s)) {
      let resume = m.index + 1;
      for (const [name, range] of Object.entries(m.indices?.groups ?? {})) {
        if (!range || !name.startsWith('secret') || range[1] <= range[0]) continue;
        resume = Math.max(resume, range[1]);
        if (pattern.ignoreRegex?.test(s.slice(range[0], range[1]))) continue;
        const [start, end] = originalRange(scan, range[0], range[1]);
        spans.push({ pattern: pattern.name, start, end, value: text.slice(start, end) });
      }
      // Edge characters after a secret were consumed; the next match may start on them.
      scanner.lastIndex = resume;
    }
  }
  return spans.sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * A text cut at its hidden spans: `text = literals[0] + hidden[0] + literals[1] + ... + literals[n]`,
 * and what a reader without `credential.view` sees is the literals joined by the mask. Overlapping and
 * touching spans are one hidden span; a mask already in the text counts as one too (it hides itself),
 * so the masked view and the restore of a masked text agree on how many masks there are.
 */
export interface MaskedText {
  literals: string[];
  hidden: string[];
}

export function maskSegments(text: string): MaskedText {
  const spans: Array<{ start: number; end: number }> = findSecrets(text);
  for (let at = text.indexOf(REDACTION_MASK); at >= 0; at = text.indexOf(REDACTION_MASK, at + 1))
    spans.push({ start: at, end: at + REDACTION_MASK.length });
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const literals: string[] = [];
  const hidden: string[] = [];
  let at = 0;
  let i = 0;
  while (i < spans.length) {
    const start = Math.max(at, spans[i]!.start);
    let end = spans[i]!.end;
    i++;
    while (i < spans.length && spans[i]!.start <= end) {
      end = Math.max(end, spans[i]!.end);
      i++;
    }
    if (end <= start) continue;
    literals.push(text.slice(at, start));
    hidden.push(text.slice(start, end));
    at = end;
  }
  literals.push(text.slice(at));
  return { literals, hidden };
}

/**
 * Masks every secret span (hashes, tickets, challenge responses, passwords) and keeps the rest:
 * `bob:1104:aad3…:8846…:::` becomes `bob:1104:«redacted»:::`. Overlapping spans are merged.
 */
export function redactEvidence(text: string): string {
  if (!text) return text;
  const { literals, hidden } = maskSegments(text);
  return hidden.length ? literals.join(REDACTION_MASK) : text;
}

/** True when `text` holds at least one secret-shaped span. */
export function containsSecrets(text: string): boolean {
  return findSecrets(text).length > 0;
}
