import { splitLeading, splitTrailing } from './affixes.ts';
import { countBy, top } from './counting.ts';

/** Words found in a string: itself, alphanumeric runs of 3+, CamelCase pieces and letter runs of 4+. */
export function wordsOf(value: string): string[] {
  if (value === '') return [];
  const out = new Set<string>([value]);
  // Letters and digits of every script: `Été2024` gives `Été`, not `t2024`.
  for (const m of value.matchAll(/[\p{L}\p{N}]{3,}/gu)) out.add(m[0]);
  for (const m of value.matchAll(/\p{Lu}\p{Ll}+/gu)) out.add(m[0]);
  for (const w of [...out]) for (const m of w.matchAll(/\p{L}{4,}/gu)) out.add(m[0]);
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
