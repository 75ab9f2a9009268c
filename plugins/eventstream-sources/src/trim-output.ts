const MAX_BYTES = 4096;

/**
 * Keeps evidence within 4096 UTF-8 bytes: a long output keeps its first and last five lines around a
 * "[... N lines omitted, B bytes total ...]" marker when that fits, else it is cut at a character
 * boundary with "... [truncated, original B bytes]".
 */
export function trimOutput(text: string, max = MAX_BYTES): string {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= max) return text;
  const lines = text.split(/\r?\n/);
  if (lines.length > 10) {
    const marker = `[... ${lines.length - 10} lines omitted, ${bytes} bytes total ...]`;
    const candidate = [...lines.slice(0, 5), marker, ...lines.slice(-5)].join('\n');
    if (Buffer.byteLength(candidate, 'utf8') <= max) return candidate;
  }
  // Cut at `max` bytes without splitting a character.
  const cut = Buffer.from(text, 'utf8')
    .subarray(0, max)
    .toString('utf8')
    .replace(/\uFFFD$/, '');
  return `${cut}... [truncated, original ${bytes} bytes]`;
}
