/**
 * One CSV record (RFC 4180, `\r\n` line ends): a field is quoted when it holds a quote, a comma or a
 * line break (a lone `\n` too, so spreadsheets keep multi-line evidence in one cell), and quotes inside
 * are doubled. Written by hand: the export writes a million records, and per-field option handling
 * would cost more than the rest of the export.
 */
const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRecord(cells: readonly string[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}
