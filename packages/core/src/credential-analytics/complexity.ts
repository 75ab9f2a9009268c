/**
 * Complexity classes of a password, tested in this order (the first that fits wins). "Special" is
 * the UK keyboard's symbol set; any other character (accented letters, emoji) makes it `unknown`.
 */
export const COMPLEXITY_CLASSES = [
  'blank',
  'numeric',
  'special',
  'lower',
  'upper',
  'mixed alpha',
  'lower+digit',
  'upper+digit',
  'mixed+digit',
  'lower+special',
  'upper+special',
  'mixed+special',
  'lower+special+digit',
  'upper+special+digit',
  'mixed+special+digit',
  'unknown',
] as const;
export type Complexity = (typeof COMPLEXITY_CLASSES)[number];

const SPECIAL = new Set(Array.from(' ¬`!"£$%^&*()-=_+{}[];\'#:@~,./\\<>?€¦|'));

export function passwordComplexity(secret: string): Complexity {
  if (secret === '') return 'blank';
  let lower = false;
  let upper = false;
  let digit = false;
  let special = false;
  for (const ch of secret) {
    if (ch >= 'a' && ch <= 'z') lower = true;
    else if (ch >= 'A' && ch <= 'Z') upper = true;
    else if (ch >= '0' && ch <= '9') digit = true;
    else if (SPECIAL.has(ch)) special = true;
    else return 'unknown';
  }
  const alpha = lower && upper ? 'mixed' : lower ? 'lower' : upper ? 'upper' : '';
  if (!alpha) return digit && !special ? 'numeric' : !digit && special ? 'special' : 'unknown';
  if (!digit && !special) return alpha === 'mixed' ? 'mixed alpha' : alpha;
  if (digit && !special) return `${alpha}+digit` as Complexity;
  if (!digit && special) return `${alpha}+special` as Complexity;
  return `${alpha}+special+digit` as Complexity;
}
