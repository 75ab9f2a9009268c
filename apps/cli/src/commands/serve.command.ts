import type { Command } from 'commander';
import { runCommand } from '../run-command.ts';
import { startWorkerChild } from '../worker-child.ts';

export function serveCommand(program: Command): void {
  program
    .command('serve')
    .description(
      'Start the web app and API (applies pending migrations first). Configured by environment; see the README.',
    )
    .action(() =>
      runCommand(async () => {
        const { startServer } = await import('@steppingstones/server/main');
        const server = await startServer();
        const { config } = server.ctx;
        process.stdout.write(`Stepping Stones is listening on ${config.publicUrl ?? server.url}\n`);
        process.stdout.write(`Data directory: ${config.dataDir}\n`);
        // The worker runs beside the server unless WORKER=off (e.g. workers run on their own hosts).
        const worker = config.worker ? startWorkerChild() : undefined;
        if (!worker)
          process.stdout.write('Worker: off (WORKER=off); run `steppingstones worker` separately.\n');
        const shutdown = async (signal: string) => {
          process.stdout.write(`${signal}: shutting down\n`);
          await Promise.all([server.stop(), worker?.stop()]);
          process.exit(0);
        };
        process.once('SIGTERM', () => void shutdown('SIGTERM'));
        process.once('SIGINT', () => void shutdown('SIGINT'));
      }),
    );
}
