import { serviceContext } from '@steppingstones/core';
import { backfillEventExtractions } from '@steppingstones/core/extraction';
import type { Command } from 'commander';
import { runCommand } from '../run-command.ts';
import { withContext } from '../with-context.ts';
import { importCaller } from './import-caller.ts';

export function credentialsCommands(program: Command): void {
  const credentials = program.command('credentials').description('Work on an engagement’s credential vault.');

  credentials
    .command('extract')
    .description(
      'Run credential extraction over the events already saved in an engagement (saved before extraction ran), linking what it finds to each event; running it again adds nothing.',
    )
    .requiredOption('--engagement <CODE>', 'the engagement whose events are read and whose vault is filled')
    .option('--json', 'write the counts as one JSON line on standard output')
    .option('--as <USERNAME>', 'run as this user (with their permissions) instead of the system user')
    .action((opts: { engagement: string; json?: boolean; as?: string }) =>
      runCommand(() =>
        withContext(async (ctx) => {
          const principal = await importCaller(ctx, opts.as);
          const counts = await backfillEventExtractions(
            serviceContext(ctx, principal),
            principal,
            opts.engagement,
            {
              onProgress: (done) => process.stderr.write(`\r${done} event(s) read`),
            },
          );
          process.stderr.write('\n');
          if (opts.json) process.stdout.write(`${JSON.stringify(counts)}\n`);
          else
            process.stdout.write(
              `${opts.engagement}: ${counts.events} event(s) read, ${counts.eventsWithCredentials} with credentials: ${counts.newHashes} new hash(es), ${counts.newSecrets} new secret(s), ${counts.historyHashes} history hash(es), ${counts.duplicates} already in the vault.\n`,
            );
        }),
      ),
    );
}
