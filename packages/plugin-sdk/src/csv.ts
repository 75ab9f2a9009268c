// CSV for every export and report (the host's and the plugins'): one field encoder, one formula guard.

/**
 * Spreadsheet formula injection guard. A cell whose text starts with `= + - @` (or tab / CR) would run
 * as a formula when the CSV is opened in a spreadsheet, so it gets a leading `'` (OWASP CSV injection
 * advice). Text that already starts with quotes followed by such a character gets one more quote, so
 * `restoreCell` can remove exactly one and every value round-trips exactly.
 */
const GUARDED = /^'*[=+\-@\t\r]/;

/**
 * The text a spreadsheet shows as text, never runs as a formula.
 *
 * @example
 * ```ts
 * const cell = neutraliseCell('=HYPERLINK("http://example.com")'); // starts with a quote: shown, never run
 * ```
 */
export function neutraliseCell(text: string): string {
  return GUARDED.test(text) ? `'${text}` : text;
}

/**
 * Undoes `neutraliseCell` (when a CSV this app wrote is imported again).
 *
 * @example
 * ```ts
 * const original = restoreCell(neutraliseCell('-5')); // '-5' again
 * ```
 */
export function restoreCell(text: string): string {
  return text.startsWith("'") && GUARDED.test(text.slice(1)) ? text.slice(1) : text;
}

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One RFC 4180 field: quoted when it holds a quote, a comma or a line break (a lone `\n` too, so
 * spreadsheets keep multi-line evidence in one cell), with quotes inside doubled. `quoteAll` quotes
 * every non-empty field (some importers expect it). The text is written as it is: guard it first.
 *
 * @example
 * ```ts
 * const field = csvField('say "hi", twice'); // "say ""hi"", twice"
 * ```
 */
export function csvField(text: string, quoteAll = false): string {
  return (quoteAll && text !== '') || NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One CSV record ending in `\r\n`, its fields encoded as they are (guard them first).
 *
 * @example
 * ```ts
 * const header = csvRecord(['Time', 'Operator', 'Description']); // Time,Operator,Description\r\n
 * ```
 */
export function csvRecord(cells: readonly string[], options: { quoteAll?: boolean } = {}): string {
  const quoteAll = options.quoteAll ?? false;
  return `${cells.map((c) => csvField(c, quoteAll)).join(',')}\r\n`;
}

/**
 * A value as a guarded CSV field: null is empty, numbers and booleans as text, formulas defused.
 *
 * @example
 * ```ts
 * const line = csvRecord([csvCell(42), csvCell(null), csvCell('=1+1')]); // 42,,'=1+1\r\n
 * ```
 */
export function csvCell(value: string | number | boolean | null): string {
  return csvField(neutraliseCell(value === null ? '' : String(value)));
}
