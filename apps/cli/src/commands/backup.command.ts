import { loadConfig, ValidationError } from '@steppingstones/core';
import { backupSqlite, restoreSqlite } from '@steppingstones/core/backup';
import { createDb, migrateToLatest } from '@steppingstones/db';
import type { Command } from 'commander';
import { runCommand } from '../run-command.ts';

const PG_DUMP_ADVICE =
  'This instance runs on PostgreSQL: back it up with pg_dump, e.g.\n' +
  '  pg_dump --format=custom --file=steppingstones.dump "$DATABASE_URL"\n' +
  'and restore with pg_restore --clean --dbname="$DATABASE_URL" steppingstones.dump (with the app stopped).\n';

export function backupCommands(program: Command): void {
  program
    .command('backup')
    .description('Write a consistent copy of the SQLite database to OUT, safe while the app runs.')
    .argument('<OUT>', 'the file to write (must not exist)')
    .action((out: string) =>
      runCommand(async () => {
        const config = loadConfig();
        if (config.database.dialect === 'postgres') {
          process.stdout.write(PG_DUMP_ADVICE);
          return 2;
        }
        // Migrate first so a backup of a fresh data dir is a complete, restorable database.
        const database = createDb({ target: config.database });
        await migrateToLatest(database).finally(() => database.close());
        const { bytes } = backupSqlite(config.database.location, out);
        process.stdout.write(`Backup written to ${out} (${bytes} bytes).\n`);
      }),
    );

  program
    .command('restore')
    .description(
      'Replace the SQLite database with a backup. Refuses while a server or worker runs; checks the file first.',
    )
    .argument('<IN>', 'a file written by `steppingstones backup`')
    .action((file: string) =>
      runCommand(async () => {
        const config = loadConfig();
        if (config.database.dialect === 'postgres') {
          process.stdout.write(PG_DUMP_ADVICE);
          throw ValidationError.field(
            'DATABASE_URL',
            'restore works on SQLite only; see the pg_restore advice above.',
          );
        }
        const { engagements } = restoreSqlite(config, file);
        // Bring the restored database up to this version's schema.
        const database = createDb({ target: config.database });
        const { applied } = await migrateToLatest(database).finally(() => database.close());
        process.stdout.write(
          `Restored ${file} (${engagements} engagement(s))${applied.length ? `, then applied ${applied.length} migration(s)` : ''}.\n`,
        );
      }),
    );
}
