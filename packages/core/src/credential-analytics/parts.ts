/**
 * Parts of known secrets for combinator (-a 1) and PRINCE attacks: words, digit runs and symbol runs.
 * Letters are those of every script (`Été2024` has the word `Été`); a symbol is any character that is
 * not a letter, a digit or `_`.
 */
export type PartKind = 'letters' | 'numbers' | 'symbols';

const LETTER_PATTERNS = [
  /\p{Lu}\p{Ll}{2,}/gu, // Capitalised words
  /^\p{Lu}{2,}/gu, // a leading UPPER run
  /^\p{Ll}{2,}/gu, // a leading lower run
  /(?<=[^\p{L}])\p{Lu}{2,}|(?<=[^\p{L}])\p{Ll}{2,}/gu, // runs after a digit or symbol
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
  return [...new Set(secret.match(/[^\p{L}\p{N}_]+/gu) ?? [])];
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
