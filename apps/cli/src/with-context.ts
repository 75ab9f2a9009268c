import { type AppContext, createAppContext, createLogger, loadConfig } from '@steppingstones/core';

/**
 * Opens the app context for a command: configuration, the database with pending migrations applied
 * (so every command works on an empty database), keys. Logs go to stderr at warn level, so command
 * output on stdout stays clean for scripts.
 */
export async function withContext<T>(fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const logger = createLogger(
    { logLevel: process.env.LOG_LEVEL ? config.logLevel : 'warn', logFormat: config.logFormat },
    'steppingstones-cli',
    // Not stdout: a warning there would corrupt `plugins list --json` and other scripted output.
    'stderr',
  );
  const ctx = await createAppContext(config, 'steppingstones-cli', { logger });
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}
