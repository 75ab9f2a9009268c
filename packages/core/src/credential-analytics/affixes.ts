import { CHARSET_SIZE, chars } from './char-mask.ts';

/** What a trim removes: ASCII digits, space and the 32 ASCII punctuation characters. */
function isTrimmed(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (
    ch.length === 1 &&
    ((c >= 48 && c <= 57) ||
      (c >= 32 && c <= 47) ||
      (c >= 58 && c <= 64) ||
      (c >= 91 && c <= 96) ||
      (c >= 123 && c <= 126))
  );
}

export interface Split {
  /** The word left after the trim (empty when nothing but digits/symbols). */
  word: string;
  /** The digits and symbols the trim removed. */
  affix: string;
}

/** `Summer2024!` → { word: 'Summer', affix: '2024!' } (digits and symbols appended to a word). */
export function splitTrailing(secret: string): Split {
  const cs = chars(secret);
  let i = cs.length;
  while (i > 0 && isTrimmed(cs[i - 1] as string)) i--;
  return { word: cs.slice(0, i).join(''), affix: cs.slice(i).join('') };
}

/** `2024!Summer` → { word: 'Summer', affix: '2024!' } (digits and symbols put before a word). */
export function splitLeading(secret: string): Split {
  const cs = chars(secret);
  let i = 0;
  while (i < cs.length && isTrimmed(cs[i] as string)) i++;
  return { word: cs.slice(i).join(''), affix: cs.slice(0, i).join('') };
}

/**
 * A mask for an appended/prepended run: each digit `?d`, each symbol `?s` (every symbol counts, so
 * `!!` is `?s?s`, not one `?s`), anything else literal.
 */
export function affixMask(affix: string): string {
  let out = '';
  for (const ch of chars(affix)) {
    const c = ch.charCodeAt(0);
    out += c >= 48 && c <= 57 ? '?d' : isTrimmed(ch) ? '?s' : ch;
  }
  return out;
}

/** Keyspace of an affix mask: 10 per ?d, 33 per ?s. */
export function affixKeyspace(mask: string): number {
  let product = 1;
  for (const m of mask.matchAll(/\?([ds?])/g))
    if (m[1] === 'd') product *= CHARSET_SIZE['?d'];
    else if (m[1] === 's') product *= CHARSET_SIZE['?s'];
  return product;
}
