/**
 * Both dialects must find the same events for the same words, so text is tokenised here, in one place:
 * lower case, letters and digits only (every other character separates words, like SQLite's unicode61
 * tokenizer). PostgreSQL then indexes the normalised text with the `simple` configuration (no stemming),
 * so `lsass.exe` is the two words `lsass exe` on both dialects.
 */
export function normaliseSearchText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * PostgreSQL refuses tsvectors over 1 MB; raw evidence can be many megabytes. Beyond this many
 * characters, text is not indexed on PostgreSQL (SQLite indexes everything).
 */
export const POSTGRES_MAX_INDEXED_CHARS = 300_000;

/** Why a word of the search box was left out of the search. */
export type IgnoredWordReason = 'no_letters' | 'too_many_words';

export interface IgnoredWord {
  word: string;
  reason: IgnoredWordReason;
}

/** At most this many words are searched; the rest are reported as ignored. */
export const MAX_SEARCH_WORDS = 16;

/**
 * A phrase's last word matches as a prefix only from this length: a single letter or digit would match
 * nearly every word, so `step 6` finds step 6, not steps 60 to 69.
 */
const MIN_PREFIX_CHARS = 2;

/** True when a (normalised) phrase's last word is long enough to match as a prefix. */
export function endsInPrefix(phrase: string): boolean {
  return (phrase.split(' ').pop() ?? '').length >= MIN_PREFIX_CHARS;
}

export interface SearchTerms {
  /** Phrases that must all match; the last word of each matches as a prefix (`dc0` finds `dc01`), see `endsInPrefix`. */
  phrases: string[];
  /** Words the user typed that were not searched, and why. */
  ignored: IgnoredWord[];
}

/** A user's search box text → the phrases searched (each whitespace-separated word is one) and those left out. */
export function searchTerms(query: string): SearchTerms {
  const phrases: string[] = [];
  const ignored: IgnoredWord[] = [];
  for (const word of query.split(/\s+/).filter((w) => w.length > 0)) {
    const phrase = normaliseSearchText(word);
    if (phrase.length === 0) ignored.push({ word, reason: 'no_letters' });
    else if (phrases.length >= MAX_SEARCH_WORDS) ignored.push({ word, reason: 'too_many_words' });
    else phrases.push(phrase);
  }
  return { phrases, ignored };
}

/** The phrases of a user's search box text that are searched (see `searchTerms`). */
export function searchPhrases(query: string): string[] {
  return searchTerms(query).phrases;
}
