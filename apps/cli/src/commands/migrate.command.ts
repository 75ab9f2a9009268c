import { loadConfig } from '@steppingstones/core';
import { createDb, migrateToLatest, redactDatabaseUrl } from '@steppingstones/db';
import type { Command } from 'commander';
import { runCommand } from '../run-command.ts';

export function migrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database migrations (every other command does this first too).')
    .action(() =>
      runCommand(async () => {
        const config = loadConfig();
        const database = createDb({ target: config.database });
        try {
          const { applied } = await migrateToLatest(database);
          process.stdout.write(`Database: ${redactDatabaseUrl(config.database)}\n`);
          process.stdout.write(
            applied.length
              ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n`
              : 'The database is up to date.\n',
          );
        } finally {
          await database.close();
        }
      }),
    );
}
