/**
 * Spreadsheet formula injection guard. A cell whose text starts with `= + - @` (or tab / CR) would run
 * as a formula when the CSV is opened in a spreadsheet, so export prefixes it with `'`. Text that
 * already starts with quotes followed by such a character gets one more quote, so import can remove
 * exactly one and every value round-trips exactly.
 */
const GUARDED = /^'*[=+\-@\t\r]/;

export function neutraliseCell(text: string): string {
  return GUARDED.test(text) ? `'${text}` : text;
}

export function restoreCell(text: string): string {
  return text.startsWith("'") && GUARDED.test(text.slice(1)) ? text.slice(1) : text;
}
