/**
 * Copies HTML as rich text (a table pastes into Word as a table, with its colours). Uses the async
 * clipboard with a `text/html` ClipboardItem where available (secure contexts); elsewhere selects an
 * off-screen copy of the content and uses the legacy copy command.
 */
export async function copyRichText(html: string): Promise<void> {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const plain = doc.body.innerText ?? doc.body.textContent ?? '';
  const body = doc.body.innerHTML;
  if (window.isSecureContext && navigator.clipboard?.write && typeof ClipboardItem !== 'undefined') {
    await navigator.clipboard.write([
      new ClipboardItem({
        'text/html': new Blob([body], { type: 'text/html' }),
        'text/plain': new Blob([plain], { type: 'text/plain' }),
      }),
    ]);
    return;
  }
  const holder = document.createElement('div');
  holder.contentEditable = 'true';
  holder.style.position = 'fixed';
  holder.style.left = '-10000px';
  holder.style.top = '0';
  for (const node of Array.from(doc.body.childNodes)) holder.append(document.importNode(node, true));
  document.body.append(holder);
  try {
    const range = document.createRange();
    range.selectNodeContents(holder);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    if (!document.execCommand('copy'))
      throw new Error('The browser refused to copy; select the report and copy it by hand.');
    selection?.removeAllRanges();
  } finally {
    holder.remove();
  }
}

/** Copies plain text, with the same fallback. */
export async function copyText(text: string): Promise<void> {
  if (window.isSecureContext && navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.style.position = 'fixed';
  area.style.left = '-10000px';
  document.body.append(area);
  try {
    area.select();
    if (!document.execCommand('copy'))
      throw new Error('The browser refused to copy; select the text and copy it by hand.');
  } finally {
    area.remove();
  }
}

/** Saves bytes as a file download. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The file name from a Content-Disposition header (RFC 6266 `filename*` first). */
export function filenameFrom(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // Fall through to the plain name.
    }
  }
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}
