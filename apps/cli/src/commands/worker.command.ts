import type { Command } from 'commander';
import { runCommand } from '../run-command.ts';

export function workerCommand(program: Command): void {
  program
    .command('worker')
    .description(
      'Run the background worker ("ssbot"): background tasks, webhook deliveries, pruning. Several may share a PostgreSQL database.',
    )
    .action(() =>
      runCommand(async () => {
        const { startWorker } = await import('@steppingstones/worker/main');
        const worker = await startWorker();
        process.stdout.write(`Worker ${worker.runner.owner} is running.\n`);
        let stopping = false;
        const shutdown = async (reason: string) => {
          if (stopping) return;
          stopping = true;
          process.stdout.write(`${reason}: the worker finishes its running jobs, then stops\n`);
          await worker.stop();
          process.exit(0);
        };
        process.once('SIGTERM', () => void shutdown('SIGTERM'));
        process.once('SIGINT', () => void shutdown('SIGINT'));
        // Started by `serve`: the IPC channel closes when the server dies, however it died.
        if (process.send) process.once('disconnect', () => void shutdown('the server stopped'));
      }),
    );
}
