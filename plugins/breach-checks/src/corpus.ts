import { open } from 'node:fs/promises';

const CHUNK = 256;

/**
 * A local copy of the NTLM corpus (`HASH:COUNT` lines ordered by hash), searched by binary search on
 * byte offsets: each probe reads a few hundred bytes, so a 30 GB file is never loaded.
 */
export class NtlmCorpus {
  private constructor(
    private readonly handle: Awaited<ReturnType<typeof open>>,
    private readonly size: number,
  ) {}

  static async open(path: string): Promise<NtlmCorpus> {
    const handle = await open(path, 'r');
    const { size } = await handle.stat();
    return new NtlmCorpus(handle, size);
  }

  close(): Promise<void> {
    return this.handle.close();
  }

  /** The first whole line starting at or after `offset` (and its start), or null past the end. */
  private async lineAt(offset: number): Promise<{ start: number; line: string } | null> {
    let start = offset;
    if (offset > 0) {
      // Skip the rest of the line `offset` falls in.
      const { buffer, bytesRead } = await this.handle.read(Buffer.alloc(CHUNK), 0, CHUNK, offset - 1);
      const nl = buffer.subarray(0, bytesRead).indexOf(10);
      if (nl < 0) return null;
      start = offset - 1 + nl + 1;
    }
    if (start >= this.size) return null;
    const { buffer, bytesRead } = await this.handle.read(Buffer.alloc(CHUNK), 0, CHUNK, start);
    const text = buffer.subarray(0, bytesRead).toString('latin1');
    const end = text.indexOf('\n');
    return { start, line: (end < 0 ? text : text.slice(0, end)).trim() };
  }

  /** The breach count of a 32-hex NTLM hash, 0 when it is not in the corpus. */
  async count(hash: string): Promise<number> {
    const target = hash.toUpperCase();
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const found = await this.lineAt(mid);
      if (!found) {
        hi = mid;
        continue;
      }
      const key = found.line.slice(0, 32).toUpperCase();
      if (key === target) return Number.parseInt(found.line.slice(33), 10) || 0;
      if (key < target) lo = found.start + found.line.length + 1;
      else hi = mid;
    }
    const first = await this.lineAt(lo);
    return first && first.line.slice(0, 32).toUpperCase() === target
      ? Number.parseInt(first.line.slice(33), 10) || 0
      : 0;
  }
}
