import { RE2JS } from 're2js';

/**
 * The one regex engine of the extractors: RE2 (the `re2js` port), which matches in time linear in the
 * input whatever the pattern, so hostile tool output cannot make a pattern backtrack. Every call goes
 * through `Re2Pattern`, which also counts the characters it hands to the engine: the linearity test
 * reads that count instead of a clock.
 */

/** Work done so far, by every pattern and marker scan (reset by tests and the bench). */
export const scanMeter = { calls: 0, chars: 0 };

export function resetScanMeter(): void {
  scanMeter.calls = 0;
  scanMeter.chars = 0;
}

/** Counts a native scan (`indexOf` over a marker) so the linearity test sees all the work. */
export function meterScan(chars: number): void {
  scanMeter.calls++;
  scanMeter.chars += chars;
}

export interface PatternFlags {
  caseInsensitive?: boolean;
  /** `^` / `$` at line ends. */
  multiline?: boolean;
  /** `.` matches newlines. */
  dotAll?: boolean;
}

export type Re2Match = Record<string, string | undefined> & { $index: number; $end: number };

export class Re2Pattern {
  readonly re: RE2JS;
  constructor(
    readonly source: string,
    readonly flags: PatternFlags = {},
  ) {
    let f = 0;
    if (flags.caseInsensitive) f |= RE2JS.CASE_INSENSITIVE;
    if (flags.multiline) f |= RE2JS.MULTILINE;
    if (flags.dotAll) f |= RE2JS.DOTALL;
    this.re = RE2JS.compile(source, f);
  }

  /** Yes / no on the DFA, without captures (cheap). */
  test(text: string): boolean {
    meterScan(text.length);
    return this.re.test(text);
  }

  /** The first match in `text` with its named groups, or null. */
  exec(text: string): Re2Match | null {
    // The DFA answers no-match cheaply; the capturing engine runs only on text that holds a match.
    if (!this.test(text)) return null;
    meterScan(text.length);
    const m = this.re.exec(text) as RegExpExecArray | null;
    if (m === null) return null;
    const groups = { ...(m.groups ?? {}) } as Re2Match;
    groups.$index = m.index;
    groups.$end = m.index + m[0].length;
    return groups;
  }

  /** Every match in `text` (non-overlapping, left to right). */
  all(text: string): Re2Match[] {
    const out: Re2Match[] = [];
    if (!this.test(text)) return out;
    meterScan(text.length);
    for (const m of this.re.matchAll(text) as Iterable<RegExpExecArray>) {
      const groups = { ...(m.groups ?? {}) } as Re2Match;
      groups.$index = m.index ?? 0;
      groups.$end = groups.$index + m[0].length;
      out.push(groups);
    }
    return out;
  }
}
