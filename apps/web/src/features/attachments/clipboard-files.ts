/**
 * Files out of a paste or a drop. A screenshot pasted from the clipboard arrives as `image.png` (or
 * with no name at all), so several pastes would all look alike: each gets a name with the moment it
 * was pasted, like the screenshot tools write.
 */

const GENERIC_NAMES = new Set([
  '',
  'image.png',
  'image.jpeg',
  'image.jpg',
  'image.gif',
  'image.webp',
  'blob',
]);

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

const pad = (n: number) => String(n).padStart(2, '0');

/** `screenshot-2026-12-08-01-02-03.png` for a moment in the user's local time. */
export function screenshotName(type: string, at: Date, index = 0): string {
  const stamp = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}-${pad(at.getHours())}-${pad(at.getMinutes())}-${pad(at.getSeconds())}`;
  return `screenshot-${stamp}${index > 0 ? `-${index + 1}` : ''}.${EXTENSIONS[type] ?? 'bin'}`;
}

/** The files of a clipboard or drop, pasted images renamed; an empty list when it holds only text. */
export function filesOf(data: DataTransfer | null, now: Date): File[] {
  if (!data) return [];
  const files = Array.from(data.files);
  return files.map((file, index) =>
    GENERIC_NAMES.has(file.name.toLowerCase()) && file.type.startsWith('image/')
      ? new File([file], screenshotName(file.type, now, index), {
          type: file.type,
          lastModified: now.getTime(),
        })
      : file,
  );
}

/** Why a drop brings no file (text, a link, a folder), or null when it brings files. */
export function unusableDrop(data: DataTransfer): string | null {
  const entries = Array.from(data.items ?? []).filter((i) => i.kind === 'file');
  if (entries.some((i) => i.webkitGetAsEntry?.()?.isDirectory))
    return 'A folder cannot be attached: drop the files inside it.';
  if (data.files.length === 0)
    return 'Nothing to attach: drop files from your computer (not text or a link).';
  return null;
}
