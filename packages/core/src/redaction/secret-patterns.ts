import type { SecretPatternSpec } from './pattern-parts.ts';
import { COMMAND_LINE_PATTERNS } from './patterns.command-line.ts';
import { HASH_PATTERNS } from './patterns.hashes.ts';
import { PASSWORD_PATTERNS } from './patterns.passwords.ts';
import { EXTRACTOR_SECRET_PATTERN_SPECS } from './patterns.tool-output.ts';

export type { SecretPatternSpec } from './pattern-parts.ts';

/**
 * The catalogue of secret shapes, as plain data: every pattern that decides what readers without
 * `credential.view` may not see. Anything that finds secrets (redaction, search documents, the
 * credential extractors) uses this one list, so a shape added here is hidden everywhere.
 *
 * How to scan with it, on any engine (JavaScript here, RE2 for the extractors):
 * 1. fold the text with `scanTextOf` (look-alike spaces and colons, invisible characters);
 * 2. for each pattern, find matches; each non-empty group whose name starts with `secret` is a secret
 *    unless its value matches `ignore` (case-insensitive);
 * 3. resume after a match at the end of its last secret group (edge characters such as `[^0-9a-f]`
 *    are consumed, and may start the next match).
 */
export const SECRET_PATTERN_SPECS: readonly SecretPatternSpec[] = Object.freeze([
  ...HASH_PATTERNS,
  ...PASSWORD_PATTERNS,
  ...COMMAND_LINE_PATTERNS,
  // Shapes the credential extractors read that the patterns above did not cover.
  ...EXTRACTOR_SECRET_PATTERN_SPECS,
]);

/** A catalogue entry with its JavaScript regexes compiled. */
export interface SecretPattern extends SecretPatternSpec {
  /** Global, with match indices (`gd`). */
  regex: RegExp;
  ignoreRegex?: RegExp;
}

export function compilePattern(spec: SecretPatternSpec): SecretPattern {
  return {
    ...spec,
    regex: new RegExp(spec.source, `${spec.flags}gd`),
    ...(spec.ignore ? { ignoreRegex: new RegExp(spec.ignore, 'i') } : {}),
  };
}

export const SECRET_PATTERNS: readonly SecretPattern[] = Object.freeze(
  SECRET_PATTERN_SPECS.map(compilePattern),
);
