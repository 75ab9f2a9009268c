import { createDb, type Database, migrateToLatest } from '@steppingstones/db';
import pino, { type Logger } from 'pino';
import { ensureAttackData } from './attack/attack-seed.service.ts';
import { type Clock, systemClock } from './clock.ts';
import type { AppConfig } from './config/config.ts';
import { logDestination, resolveLogFormat } from './logging/log-destination.ts';
import { loadOrCreateSecretKey, type SecretKeys, secretKeys } from './secrets/secret-key.ts';

export type { Clock } from './clock.ts';

/** What every process (server, worker, CLI) holds: configuration, the database, keys, a logger, a clock. */
export interface AppContext {
  config: AppConfig;
  database: Database;
  keys: SecretKeys;
  logger: Logger;
  clock: Clock;
  close(): Promise<void>;
}

/** A pino logger writing to stdout, or to stderr for the CLI, whose stdout is its output (e.g. JSON). */
export function createLogger(
  config: Pick<AppConfig, 'logLevel'> & Partial<Pick<AppConfig, 'logFormat'>>,
  name: string,
  output: 'stdout' | 'stderr' = 'stdout',
): Logger {
  return pino(
    {
      name,
      level: config.logLevel,
      // Belt and braces: secrets never reach the log even if a caller passes a whole request or body.
      redact: {
        paths: [
          'password',
          '*.password',
          'secret',
          '*.secret',
          'token',
          '*.token',
          'refresh',
          '*.refresh',
          'access',
          '*.access',
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-csrf-token"]',
          'headers.authorization',
          'headers.cookie',
        ],
        censor: '[redacted]',
      },
    },
    logDestination(
      resolveLogFormat(config.logFormat ?? 'auto', output === 'stderr' ? process.stderr : process.stdout),
      output === 'stderr' ? 2 : 1,
    ),
  );
}

/** Opens the database, applies pending migrations and loads the secret key. */
export async function createAppContext(
  config: AppConfig,
  name = 'steppingstones',
  options: { logger?: Logger; clock?: Clock } = {},
): Promise<AppContext> {
  const logger = options.logger ?? createLogger(config, name);
  const keys = secretKeys(loadOrCreateSecretKey(config.secretKeyFile));
  const database = createDb({ target: config.database, logger });
  // Tests pass a fixed clock; a copy of the real one stays replaceable per context (`clock.now = …`).
  const clock: Clock = options.clock ?? { now: systemClock.now };
  try {
    await migrateToLatest(database);
    await ensureAttackData({ db: database.db, clock });
  } catch (error) {
    await database.close();
    throw error;
  }
  return { config, database, keys, logger, clock, close: () => database.close() };
}
