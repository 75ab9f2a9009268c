/**
 * The `@name` being typed just before the caret, if any: what the mention autocomplete completes.
 * Mirrors the server's rule (packages/core/src/comments/comment.mentions.ts): not inside a word or an
 * e-mail address.
 */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const m = /(?<![\w@.+-])@([A-Za-z0-9.+_-]{0,150})$/.exec(before);
  if (!m) return null;
  return { start: caret - m[0].length, query: m[1]!.toLowerCase() };
}

/** The text with the mention at `start` (up to the caret) replaced by `@username `, and the new caret. */
export function completeMention(
  text: string,
  caret: number,
  start: number,
  username: string,
): { text: string; caret: number } {
  const inserted = `@${username} `;
  return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length };
}
