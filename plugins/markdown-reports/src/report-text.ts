// The SDK's shared report text helpers, plus the Markdown escaping these reports need.
export * from '@steppingstones/plugin-sdk/report-text';

/** HTML-escapes text (it is placed inside HTML blocks of the Markdown). */
export function escapeHtmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Event text is plain text: HTML-escaped, then every Markdown-active character backslash-escaped, so a
 * description prints exactly as typed (the original escaped only `\`, `[` and `]`, so `*`, `_`, `|`
 * and backticks in descriptions turned into formatting, tables or code).
 */
export function md(text: string): string {
  return escapeHtmlText(text).replace(/([\\`*_[\]|#~])/g, '\\$1');
}

/** Multi-line plain text: one blank line between lines, indentation kept with `&nbsp;` (never a code block). */
export function mdParagraphs(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line !== '')
    .map((line) => {
      const lead = /^[ \t]*/.exec(line)?.[0].length ?? 0;
      return '&nbsp;'.repeat(lead) + md(line.slice(lead));
    })
    .join('\n\n');
}

/** A fence that no run of tildes in the text can close early. */
export function fenceFor(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/~+/g)].map((m) => m[0].length));
  return '~'.repeat(longest + 1);
}
