import { reindexEventSearch } from '@steppingstones/core/events';
import type { Command } from 'commander';
import { runCommand } from '../run-command.ts';
import { withContext } from '../with-context.ts';

export function searchCommands(program: Command): void {
  const search = program.command('search').description('Maintain the event search index.');

  search
    .command('reindex')
    .description(
      'Rebuild the search documents of the events from what is saved, under the current redaction rules (run it after an upgrade that changed them: text indexed before stays searchable by readers who see it masked until then). Safe to run while the server runs, and again.',
    )
    .option('--engagement <CODE>', 'only this engagement’s events (default: every engagement)')
    .option('--json', 'write the count as one JSON line on standard output')
    .action((opts: { engagement?: string; json?: boolean }) =>
      runCommand(() =>
        withContext(async (ctx) => {
          const counts = await reindexEventSearch(ctx.database.db, {
            ...(opts.engagement !== undefined ? { engagement: opts.engagement } : {}),
            onProgress: (done) => process.stderr.write(`\r${done} event(s) reindexed`),
          });
          process.stderr.write('\n');
          if (opts.json) process.stdout.write(`${JSON.stringify(counts)}\n`);
          else
            process.stdout.write(
              `${opts.engagement ?? 'Every engagement'}: ${counts.events} event(s) reindexed.\n`,
            );
        }),
      ),
    );
}
