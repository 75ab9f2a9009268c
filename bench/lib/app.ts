import { type AppContext, createAppContext, loadConfig } from '@steppingstones/core';
import type { BenchEnv } from './types.ts';

export interface BenchServer {
  ctx: AppContext;
  /** `http://127.0.0.1:PORT` */
  baseUrl: string;
  close(): Promise<void>;
}

/** The app context a server of this run would have: the run's database, its own DATA_DIR, no logging. */
export async function benchContext(env: BenchEnv): Promise<AppContext> {
  const config = loadConfig({ DATA_DIR: env.tmpDir, DATABASE_URL: env.databaseUrl, LOG_LEVEL: 'silent' });
  return createAppContext(config, 'bench');
}

/** The real HTTP server (buildApp + listen on a random port) in this process, as the tests start it. */
export async function startBenchServer(env: BenchEnv): Promise<BenchServer> {
  // Imported here, not at the top: `run.ts` imports every benchmark to read its definition, and should
  // not pay for loading the whole server.
  const { buildApp } = await import('@steppingstones/server');
  const ctx = await benchContext(env);
  const { app } = await buildApp(ctx, { serveWeb: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    ctx,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await ctx.close();
    },
  };
}
