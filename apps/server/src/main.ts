import { type AppContext, createAppContext, loadConfig, serviceContext } from '@steppingstones/core';
import { registerRunningProcess } from '@steppingstones/core/runtime';
import { ensureSetupToken } from '@steppingstones/core/setup';
import { redactDatabaseUrl } from '@steppingstones/db';
import { buildApp } from './app.ts';
import { explainListenError } from './listen-error.ts';

export interface RunningServer {
  url: string;
  ctx: AppContext;
  stop(): Promise<void>;
}

/** Starts the HTTP server: config → database (migrated) → app → listen. */
export async function startServer(env: NodeJS.ProcessEnv = process.env): Promise<RunningServer> {
  const config = loadConfig(env);
  const ctx = await createAppContext(config, 'steppingstones-server');
  ctx.logger.info({ dataDir: config.dataDir, database: redactDatabaseUrl(config.database) }, 'starting');
  const { app } = await buildApp(ctx);
  // Issued before listening, so the wizard never meets a server without a token.
  const setupToken = await ensureSetupToken(serviceContext(ctx, null), config.setupTokenFile);
  let address: string;
  try {
    address = await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app.close();
    await ctx.close();
    throw explainListenError(error, config);
  }
  const unregister = registerRunningProcess(config.dataDir, 'server');
  if (setupToken) announceFirstRun(setupToken, config.publicUrl ?? address, config.setupTokenFile);
  return {
    url: address,
    ctx,
    async stop() {
      await app.close();
      await ctx.close();
      unregister();
    },
  };
}

/**
 * While no user exists, the one-time setup token (also written to DATA_DIR, mode 0600) is printed as a
 * plain line on stdout, where the operator who started the server sees it (logs are JSON; this is not).
 */
function announceFirstRun(token: string, url: string, file: string): void {
  process.stdout.write(`First run: open ${url}/ and enter the setup token: ${token}\n`);
  process.stdout.write(`(The token is also in ${file}.)\n`);
}
