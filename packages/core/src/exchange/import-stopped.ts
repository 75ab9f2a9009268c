import { DomainError, type ValidationError } from '../errors.ts';

export interface ImportReport {
  added: number;
  skipped: Array<{ line: number; reason: string }>;
  rejected: Array<{ line: number; reason: string }>;
}

/**
 * An import that stopped part way, after some transactions had committed: the answer says what was
 * written (the report so far, every line before `not_written_from_line`) and what was not, so the user
 * fixes the file and imports it again (the rows already in are then skipped as duplicates).
 */
export class ImportStoppedError extends DomainError {
  override readonly code = 'import_stopped';
  constructor(
    override readonly status: number,
    message: string,
    readonly details: ImportReport & { not_written_from_line: number },
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

/** The error for a problem found at `line`, carrying what was written before it, if anything. */
export function stoppedAt(problem: ValidationError, line: number, report: ImportReport): DomainError {
  if (report.added === 0 && report.skipped.length === 0) return problem;
  return new ImportStoppedError(
    400,
    `${problem.message}. Lines before ${line} were imported (${report.added} added, ${report.skipped.length} skipped, ${report.rejected.length} rejected); line ${line} and the lines after it were not.`,
    { ...report, not_written_from_line: line },
  );
}
