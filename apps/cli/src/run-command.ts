import { ConfigError, DomainError, ValidationError } from '@steppingstones/core';

/**
 * Runs a command body and turns known errors into one clear line on stderr with a non-zero exit code,
 * so scripts can rely on the status and users never see a stack trace for their own mistakes.
 */
export async function runCommand(body: () => Promise<unknown>): Promise<void> {
  try {
    const code = await body();
    if (typeof code === 'number') process.exitCode = code;
  } catch (error) {
    if (error instanceof ValidationError) {
      for (const p of error.problems) process.stderr.write(`error: ${p.field}: ${p.message}\n`);
    } else if (error instanceof ConfigError || error instanceof DomainError) {
      process.stderr.write(`error: ${error.message}\n`);
    } else {
      process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
      if (process.env.LOG_LEVEL === 'debug' && error instanceof Error)
        process.stderr.write(`${error.stack}\n`);
    }
    process.exitCode = process.exitCode && process.exitCode !== 0 ? process.exitCode : 1;
  }
}
