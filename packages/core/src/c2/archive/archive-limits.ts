/** Caps on an untrusted archive: a log archive is large, a zip bomb must not take the server down. */
export interface ArchiveLimits {
  maxEntries: number;
  maxExpandedBytes: number;
  maxFileBytes: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 200_000,
  maxExpandedBytes: 4 * 1024 ** 3,
  maxFileBytes: 256 * 1024 ** 2,
};

/** A member's path inside the archive, or null when it would leave it (absolute, `..`, a drive). */
export function safeMemberPath(name: string): string | null {
  const path = name.replace(/\\/g, '/');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.includes('\0')) return null;
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.some((p) => p === '..')) return null;
  return parts.join('/');
}

/** Counts what an archive has expanded to and stops it past the caps. */
export class ArchiveBudget {
  entries = 0;
  bytes = 0;
  constructor(private readonly limits: ArchiveLimits) {}

  /** The reason to stop, or null to go on, before reading one more member of `size` bytes. */
  admit(size: number): string | null {
    this.entries++;
    this.bytes += size;
    if (this.entries > this.limits.maxEntries)
      return `the archive has more than ${this.limits.maxEntries} entries; split it`;
    if (size > this.limits.maxFileBytes) return `the file is larger than ${this.limits.maxFileBytes} bytes`;
    if (this.bytes > this.limits.maxExpandedBytes)
      return `the archive expands to more than ${this.limits.maxExpandedBytes} bytes; split it`;
    return null;
  }
}
