/**
 * What the database layer needs of a logger (pino's `Logger` fits). Errors of idle pool clients and of
 * LISTEN connections are reported through it instead of being dropped.
 */
export interface DbLogger {
  warn(details: object, message: string): void;
}

/** Until a process hands its own logger over, warnings go to stderr as one JSON line. */
export const stderrLogger: DbLogger = {
  warn(details, message) {
    const error = (details as { err?: unknown }).err;
    const err =
      error instanceof Error ? { message: error.message, code: (error as { code?: string }).code } : error;
    process.stderr.write(`${JSON.stringify({ level: 'warn', msg: message, ...details, err })}\n`);
  },
};
