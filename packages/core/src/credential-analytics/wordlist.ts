import { splitLeading, splitTrailing } from './affixes.ts';
import { countBy, top } from './counting.ts';

/** Words found in a string: itself, alphanumeric runs of 3+, CamelCase pieces and letter runs of 4+. */
export function wordsOf(value: string): string[] {
  if (value === '') return [];
  const out = new Set<string>([value]);
  for (const m of value.matchAll(/[A-Za-z0-9]{3,}/g)) out.add(m[0]);
  for (const m of value.matchAll(/[A-Z][a-z]+/g)) out.add(m[0]);
  for (const w of [...out]) for (const m of w.matchAll(/[A-Za-z]{4,}/g)) out.add(m[0]);
  return [...out];
}

/** Words with digits/symbols appended (for -a 6), most common first, over distinct secrets. */
export function prefixWords(distinctSecrets: Iterable<string>) {
  return top(countBy(distinctSecrets, (s) => changedWord(s, splitTrailing(s).word)));
}

/** Words with digits/symbols put before them (for -a 7), most common first, over distinct secrets. */
export function suffixWords(distinctSecrets: Iterable<string>) {
  return top(countBy(distinctSecrets, (s) => changedWord(s, splitLeading(s).word)));
}

function changedWord(secret: string, word: string): string | undefined {
  return word !== '' && word !== secret ? word : undefined;
}
