import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DialectName } from '@steppingstones/db';
import { createTestDatabase } from '@steppingstones/db/testing';
import { type AppContext, createAppContext } from '../app-context.ts';
import type { Clock } from '../clock.ts';
import { type AppConfig, loadConfig } from '../config/index.ts';
import { type Principal, systemPrincipal } from '../permissions/principal.ts';
import { type ServiceContext, serviceContext } from '../service-context.ts';

export interface TestContext extends AppContext {
  env: Record<string, string>;
  /** A service context on this database: the test's clock, acting as `principal` (default: system). */
  services(principal?: Principal | null): ServiceContext;
  /** Closes the database and removes everything the context created. */
  dispose(): Promise<void>;
}

/**
 * A real app context on a fresh database of the given dialect, with its own DATA_DIR and secret key.
 * `env` holds the variables that point another process (CLI, worker) at the same database.
 */
export async function createTestContext(
  dialect: DialectName,
  extraEnv: Record<string, string> = {},
  /** Pass `fixedClock()` where stored times or expiries are asserted. */
  options: { clock?: Clock } = {},
): Promise<TestContext> {
  const database = await createTestDatabase(dialect);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-data-'));
  const env = { DATA_DIR: dataDir, DATABASE_URL: database.url, LOG_LEVEL: 'silent', ...extraEnv };
  const config: AppConfig = loadConfig(env);
  const ctx = await createAppContext(config, 'test', options);
  return {
    ...ctx,
    env,
    services: (principal = systemPrincipal('test')) => serviceContext(ctx, principal),
    async dispose() {
      await ctx.close();
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
