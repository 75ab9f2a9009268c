import { createEngagement, listEngagements } from '@steppingstones/core/engagements';
import type { Command } from 'commander';
import { runCommand } from '../run-command.ts';
import { withContext } from '../with-context.ts';

export function engagementCommands(program: Command): void {
  const engagement = program.command('engagement').description('Create and list engagements.');

  engagement
    .command('create')
    .description('Create an engagement.')
    .requiredOption('--code <CODE>', 'short unique code, e.g. ACME-2026')
    .requiredOption('--name <NAME>', 'the engagement name')
    .requiredOption('--start <YYYY-MM-DD>', 'first day of authorised activity')
    .requiredOption('--end <YYYY-MM-DD>', 'last day of authorised activity')
    .option('--description <TEXT>', 'scope notes', '')
    .action((opts: { code: string; name: string; start: string; end: string; description: string }) =>
      runCommand(() =>
        withContext(async (ctx) => {
          const e = await createEngagement(ctx.database.db, {
            code: opts.code,
            name: opts.name,
            start_date: opts.start,
            end_date: opts.end,
            description: opts.description,
          });
          process.stdout.write(
            `Created engagement ${e.code} (${e.name}), ${e.start_date} to ${e.end_date}.\n`,
          );
        }),
      ),
    );

  engagement
    .command('list')
    .description('List engagements, newest first.')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) =>
      runCommand(() =>
        withContext(async (ctx) => {
          const all = await listEngagements(ctx.database.db);
          if (opts.json) {
            process.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
            return;
          }
          if (!all.length) {
            process.stdout.write(
              'No engagements yet. Create one with: steppingstones engagement create --help\n',
            );
            return;
          }
          for (const e of all) {
            process.stdout.write(
              `${e.code}\t${e.name}\t${e.start_date}..${e.end_date}${e.archived ? '\t(archived)' : ''}\n`,
            );
          }
        }),
      ),
    );
}
