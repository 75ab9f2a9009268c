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

/** A user's search box text → phrases that must all match (each whitespace-separated word is a phrase). */
export function searchPhrases(query: string): string[] {
  return query
    .split(/\s+/)
    .map((word) => normaliseSearchText(word))
    .filter((phrase) => phrase.length > 0)
    .slice(0, 16);
}
