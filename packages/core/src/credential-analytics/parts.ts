/**
 * Parts of known secrets for combinator (-a 1) and PRINCE attacks: words, digit runs and symbol runs.
 * A symbol is any character that is not a letter, a digit or `_` (RE2's \W, which is ASCII-only).
 */
export type PartKind = 'letters' | 'numbers' | 'symbols';

const LETTER_PATTERNS = [
  /[A-Z][a-z]{2,}/g, // Capitalised words
  /^[A-Z]{2,}/g, // a leading UPPER run
  /^[a-z]{2,}/g, // a leading lower run
  /(?<=[^A-Za-z])[A-Z]{2,}|(?<=[^A-Za-z])[a-z]{2,}/g, // runs after a digit or symbol
];

export function letterParts(secret: string): string[] {
  const out = new Set<string>();
  for (const re of LETTER_PATTERNS) for (const m of secret.matchAll(re)) out.add(m[0]);
  return [...out];
}

export function numberParts(secret: string): string[] {
  return [...new Set(secret.match(/[0-9]+/g) ?? [])];
}

export function symbolParts(secret: string): string[] {
  return [...new Set(secret.match(/[^A-Za-z0-9_]+/gu) ?? [])];
}

export function partsOf(secret: string, kind: PartKind): string[] {
  if (kind === 'letters') return letterParts(secret);
  if (kind === 'numbers') return numberParts(secret);
  return symbolParts(secret);
}

/**
 * A hashcat rule appending a part one character at a time (`$a$b$c`). Bytes outside printable ASCII
 * are written as `$\xNN` per UTF-8 byte, so non-ASCII parts do not break the rule file.
 */
export function appendRule(part: string): string {
  let out = '';
  for (const byte of Buffer.from(part, 'utf8')) {
    out +=
      byte >= 0x21 && byte <= 0x7e
        ? `$${String.fromCharCode(byte)}`
        : `$\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}
