/**
 * What every scanner sees: text with look-alike separators folded to ASCII and invisible characters
 * removed, so `Password\u00a0: x`, `password：x` or `pass\u200bword: x` meet the same ASCII patterns
 * (and the patterns stay plain enough for a linear-time engine such as RE2). `offsets` maps each
 * scanned character back to its index in the original text (null when nothing was removed, so the
 * indices are the same).
 */
export interface ScanText {
  text: string;
  offsets: number[] | null;
}

/** Characters that read as a space: no-break, thin, figure, ideographic ... */
const SPACE_LIKE = new Set([
  0x00a0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
  0x202f, 0x205f, 0x3000,
]);
/** Characters that show nothing: zero-width space / joiners, word joiner, BOM, soft hyphen, marks. */
const INVISIBLE = new Set([0x00ad, 0x180e, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2060, 0xfeff]);
const FOLDED: Record<number, string> = { 65306: ':', 65109: ':', 65309: '=', 8232: '\n', 8233: '\n' };

const NEEDS_WORK =
  /[\u00a0\u00ad\u1680\u180e\u2000-\u200f\u2028\u2029\u202f\u205f\u2060\u3000\ufe55\ufeff\uff1a\uff1d]/;

export function scanTextOf(original: string): ScanText {
  if (!NEEDS_WORK.test(original)) return { text: original, offsets: null };
  let text = '';
  const offsets: number[] = [];
  let removed = false;
  for (let i = 0; i < original.length; i++) {
    const code = original.charCodeAt(i);
    if (INVISIBLE.has(code)) {
      removed = true;
      continue;
    }
    text += SPACE_LIKE.has(code) ? ' ' : (FOLDED[code] ?? original[i]);
    offsets.push(i);
  }
  offsets.push(original.length);
  return { text, offsets: removed ? offsets : null };
}

/** The original range of a scanned range [start, end). */
export function originalRange(scan: ScanText, start: number, end: number): [number, number] {
  if (!scan.offsets) return [start, end];
  return [scan.offsets[start]!, scan.offsets[end - 1]! + 1];
}
