/**
 * C0 control characters other than tab, CR and LF. PostgreSQL refuses NUL in text (a 500 deep in a
 * query), SQLite stores it (and its data can then not move to PostgreSQL), and the others are
 * invisible in every view. No text of the app has a use for them: the server refuses them at every
 * entry (HTTP fields, query parameters, headers, imported files).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

export const CONTROL_CHARACTER_MESSAGE =
  'holds a control character (NUL or another C0 control other than tab, CR, LF); remove it and send again';

export function hasControlCharacter(text: string): boolean {
  return CONTROL_CHARACTER.test(text);
}
