import fs from 'node:fs';
import path from 'node:path';

/** The wanted files under `root`, as `/`-separated paths relative to it, sorted (days in order). */
export function listFollowedFiles(root: string, wants: (path: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), relPath);
      else if (entry.isFile() && wants(relPath)) out.push(relPath);
    }
  };
  walk(root, '');
  return out.sort();
}

/** The bytes of `file` from `offset` to its current end (at most `max`). */
export function readFrom(file: string, offset: number, max: number): { bytes: Buffer; mtimeMs: number } {
  const fd = fs.openSync(file, 'r');
  try {
    const stat = fs.fstatSync(fd);
    const length = Math.max(0, Math.min(stat.size - offset, max));
    const bytes = Buffer.alloc(length);
    const read = length > 0 ? fs.readSync(fd, bytes, 0, length, offset) : 0;
    return { bytes: bytes.subarray(0, read), mtimeMs: stat.mtimeMs };
  } finally {
    fs.closeSync(fd);
  }
}
