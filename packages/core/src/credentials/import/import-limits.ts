import { DomainError } from '../../errors.ts';

export class ImportTooLargeError extends DomainError {
  override readonly status = 413;
  override readonly code = 'too_large';
  constructor(maxBytes: number) {
    super(
      `The file is larger than the import limit of ${Math.round(maxBytes / 1024 / 1024)} MB (MAX_IMPORT_MB); split it or raise the limit.`,
    );
  }
}

/** An uploaded body or a file: chunks of bytes (or text). */
export type ImportInput =
  | AsyncIterable<Buffer | Uint8Array | string>
  | Iterable<Buffer | Uint8Array | string>;

/** Passes chunks through, failing once more than `maxBytes` went by, and reporting the running total. */
export async function* capped(
  input: ImportInput,
  maxBytes: number,
  onBytes?: (total: number) => void,
): AsyncGenerator<Buffer | Uint8Array | string> {
  let total = 0;
  for await (const chunk of input) {
    total += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    if (total > maxBytes) throw new ImportTooLargeError(maxBytes);
    onBytes?.(total);
    yield chunk;
  }
}

/** At most this many rejected lines are listed one by one; the last entry says how many more there were. */
export const MAX_LISTED_REJECTIONS = 10_000;

export class Rejections {
  readonly listed: Array<{ line: number; reason: string }> = [];
  total = 0;
  add(line: number, reason: string): void {
    this.total++;
    if (this.listed.length < MAX_LISTED_REJECTIONS) this.listed.push({ line, reason });
  }
  result(): Array<{ line: number; reason: string }> {
    const more = this.total - this.listed.length;
    if (more <= 0) return this.listed;
    return [...this.listed, { line: 0, reason: `… and ${more} more rejected lines not listed` }];
  }
}
