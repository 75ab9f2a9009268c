/** A GitHub-flavoured Markdown table (pipes escaped, line breaks flattened), for pasting into reports. */
export function markdownTable(
  head: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const cell = (v: string | number) =>
    String(v)
      .replace(/\|/g, '\\|')
      .replace(/[\r\n]+/g, ' ');
  return [
    `| ${head.map(cell).join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}
