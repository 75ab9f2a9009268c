/**
 * Character masks after PACK (crypt0rr/pack): each character becomes its hashcat charset, the
 * keyspace is the product of the charset sizes, and the structure names the runs of letters, numbers
 * and symbols. One symbol keyspace (33: hashcat's ?s) is used everywhere, for whole-password masks and
 * for prefix/suffix masks alike.
 */

export type CharClass = '?d' | '?u' | '?l' | '?s';

export const CHARSET_SIZE: Record<CharClass, number> = { '?d': 10, '?u': 26, '?l': 26, '?s': 33 };

/** The hashcat charset of one character; anything not an ASCII digit or letter is a symbol. */
export function charClass(ch: string): CharClass {
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return '?d';
  if (c >= 65 && c <= 90) return '?u';
  if (c >= 97 && c <= 122) return '?l';
  return '?s';
}

/** Characters by code point, so an emoji is one character (one ?s), as a typist sees it. */
export function chars(secret: string): string[] {
  return Array.from(secret);
}

export function charMask(secret: string): string {
  let out = '';
  for (const ch of chars(secret)) out += charClass(ch);
  return out;
}

/** The number of candidates a mask covers (a float once it passes 2^53; ordering stays right). */
export function maskKeyspace(mask: string): number {
  let product = 1;
  for (let i = 0; i + 1 < mask.length; i += 2) {
    const cls = mask.slice(i, i + 2) as CharClass;
    product *= CHARSET_SIZE[cls] ?? 1;
  }
  return product;
}

/** The stored effort: keyspace in millions of candidates, rounded down and capped to a safe integer. */
export function maskEffort(mask: string): number {
  return Math.min(Math.floor(maskKeyspace(mask) / 1_000_000), Number.MAX_SAFE_INTEGER);
}

type Segment = 'Letters' | 'Numbers' | 'Symbols';

function segmentOf(cls: CharClass): Segment {
  if (cls === '?d') return 'Numbers';
  if (cls === '?s') return 'Symbols';
  return 'Letters';
}

/**
 * The runs of letters, numbers and symbols joined with `..` (e.g. `Letters..Numbers`); more than
 * three runs is `Other`, an empty secret `None`.
 */
export function passwordStructure(secret: string): string {
  const segments: Segment[] = [];
  for (const ch of chars(secret)) {
    const s = segmentOf(charClass(ch));
    if (segments[segments.length - 1] !== s) segments.push(s);
  }
  if (segments.length === 0) return 'None';
  if (segments.length > 3) return 'Other';
  return segments.join('..');
}
