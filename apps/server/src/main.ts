import { type AppContext, createAppContext, loadConfig } from '@steppingstones/core';
import { registerRunningProcess } from '@steppingstones/core/runtime';
import { redactDatabaseUrl } from '@steppingstones/db';
import { buildApp } from './app.ts';

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
  const address = await app.listen({ host: config.host, port: config.port });
  const unregister = registerRunningProcess(config.dataDir, 'server');
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
