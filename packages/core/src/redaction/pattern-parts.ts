/**
 * Building blocks of the secret patterns. Every pattern is written in the syntax JavaScript and RE2
 * share: no lookaround, no backreferences, no `\s` (its meaning differs between the engines: spelled
 * out here), no `.`, and `^` / `$` only as start / end of the whole text (no `m` flag), so a line
 * start is `(?:^|\n)`.
 */

/** A hex digit, and anything else. */
export const H = '[0-9A-Fa-f]';
export const NOT_H = '[^0-9A-Fa-f]';
/** A hex run's edges: the text's edge or a non-hex character (consumed; scanning resumes at the secret's end). */
export const BEFORE_HEX = `(?:^|${NOT_H})`;
export const AFTER_HEX = `(?:${NOT_H}|$)`;
/** The start of a line. */
export const BOL = '(?:^|\\n)';
/** A character that is not white space. */
export const NON_WS = '[^ \\t\\r\\n\\f\\v]';
export const QUOTED = `(?:"[^"\\r\\n]{0,256}"|'[^'\\r\\n]{0,256}')`;
/** A quoted value or a bare token (bounded). */
export const VALUE = `(?:${QUOTED}|[^ \\t\\r\\n\\f\\v'"]{1,256})`;
/** A quoted value or the rest of the line. */
export const REST_OF_LINE = `(?:${QUOTED}|[^ \\t\\r\\n\\f\\v][^\\r\\n]{0,511})`;
/** What may follow a cracked hash: `:plain`, as hashcat and john print them. */
export const CRACKED_TAIL = '(?::(?<secret2>[^\\r\\n]{1,256}))?';
/** Words that say what a password is like, not what it is ("the password is expired"). */
export const NOT_A_PASSWORD =
  '^(?:a|an|the|not|no|none|now|set|reset|changed|expired|expiring|required|empty|blank|unknown|known|weak|strong|valid|invalid|correct|incorrect|wrong|too|same|different|also|still|being|in|on|at|stored|saved|never|missing|locked|disabled|enabled|complex|short|long|that|this|it|its|their|his|her|from|of|to|for|rotated|managed|shared|used|reused|sprayed|cracked|hashed|encrypted|unchanged|compromised|listed|below|above|attached|redacted|«redacted»)[.,;:!?]?$';

export interface SecretPatternSpec {
  /** Stable name (the credential extractors and their tests refer to it). */
  name: string;
  description: string;
  /**
   * The pattern, RE2- and JavaScript-compatible. Named groups `secret`, `secret2`, ... hold what is
   * hidden; the rest of a match is context that stays readable.
   */
  source: string;
  /** `i` (case-insensitive) or nothing. */
  flags: '' | 'i';
  /** A secret group's value matching this (case-insensitive, same syntax) is not a secret after all. */
  ignore?: string;
  /** The hashcat mode of what the `secret` group holds, when it is a single crackable hash. */
  hashcatMode?: number;
}
