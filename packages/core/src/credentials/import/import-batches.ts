import { DomainError } from '../../errors.ts';

/** How far an import got: the last input line its committed batches cover and the bytes read. */
export interface ImportProgress {
  bytes: number;
  lines: number;
}

/** What the committed batches of a stopped import added, in the result's field names. */
export type CommittedCounts = Record<string, number>;

function describeCounts(counts: CommittedCounts): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k.replaceAll('_', ' ')}`);
  return parts.length ? parts.join(', ') : 'nothing new';
}

/**
 * An import commits batch by batch (so the database stays free for everyone else during a long
 * one); when a batch fails, that batch is rolled back whole and the import stops there. The error
 * tells the user where, what the batches before it added, and that importing the same file again
 * completes it (lines already in the vault are skipped).
 */
export class ImportStoppedError extends DomainError {
  override readonly status = 500;
  override readonly code = 'import_stopped';
  constructor(
    /** The first line of the batch that failed (1 when nothing was committed). */
    readonly line: number,
    readonly committed: CommittedCounts,
    cause: unknown,
  ) {
    const why =
      cause instanceof DomainError ? cause.message : 'the database refused a batch (see the server log)';
    super(
      line <= 1
        ? `The import failed: ${why} Nothing was imported.`
        : `The import stopped at line ${line}: ${why} The lines before it were imported (${describeCounts(committed)}); import the same file again to add the rest (lines already in the vault are skipped).`,
    );
  }
}

/**
 * Follows an import's committed batches, so a failure can say where the import stopped. Each batch is
 * written in its own transaction by the caller; `committed` is called once it is.
 */
export class BatchCommits {
  /** The last line of the last committed batch. */
  linesDone = 0;
  constructor(
    private readonly onProgress: ((p: ImportProgress) => void) | undefined,
    private readonly bytesRead: () => number,
  ) {}

  committed(throughLine: number): void {
    this.linesDone = Math.max(this.linesDone, throughLine);
    this.onProgress?.({ bytes: this.bytesRead(), lines: this.linesDone });
  }

  /**
   * The error to report for a failure: the original one when nothing was committed (a refused
   * parameter, a file over the limit keep their own status), else where the import stopped.
   */
  stopped(error: unknown, counts: CommittedCounts): unknown {
    if (error instanceof ImportStoppedError || this.linesDone === 0) return error;
    return new ImportStoppedError(this.linesDone + 1, counts, error);
  }
}
