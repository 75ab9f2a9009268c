/** Offers text as a file download (rejected import lines the user can fix and import again). */
export function downloadText(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Rejected lines as a text file the user can download and fix. */
export function rejectedText(rejected: Array<{ line: number; reason: string }>): string {
  return rejected.map((r) => `line ${r.line}: ${r.reason}`).join('\n') + (rejected.length ? '\n' : '');
}
