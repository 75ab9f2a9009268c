import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { serviceContext, ValidationError } from '@steppingstones/core';
import { importEventsCsv } from '@steppingstones/core/exchange';
import { findUserByUsername, principalForUser } from '@steppingstones/core/users';
import type { Command } from 'commander';
import { runCommand } from '../run-command.ts';
import { withContext } from '../with-context.ts';

/**
 * `steppingstones events import`: the CSV import of the web UI and the API, from a script (e.g. a C2
 * log converted on the operator's machine). It acts as a named user, with that user's permissions and
 * engagements, so the events carry a real author in their history; open grids show them live.
 */
export function eventsCommands(program: Command): void {
  const events = program.command('events').description('Work with the event log.');

  events
    .command('import')
    .description(
      "Import events from CSV (the export's columns) into an engagement; prints what was added, skipped and rejected with line numbers, exits 1 if a row was rejected.",
    )
    .argument('[FILE]', 'the CSV file; - or nothing reads standard input', '-')
    .requiredOption('--engagement <CODE>', 'the engagement to add the events to')
    .requiredOption('--as <USERNAME>', 'the user the events are written as (needs event.add there)')
    .action((file: string, opts: { engagement: string; as: string }) =>
      runCommand(() =>
        withContext(async (ctx) => {
          const db = ctx.database.db;
          const user = await findUserByUsername(db, opts.as);
          if (!user?.is_active) throw ValidationError.field('--as', `No active user "${opts.as}".`);
          const principal = await principalForUser(db, user, 'system');
          if (file !== '-' && !fs.existsSync(file))
            throw ValidationError.field('FILE', `${file} does not exist.`);
          const input: Readable = file === '-' ? process.stdin : fs.createReadStream(file);
          const report = await importEventsCsv(
            serviceContext(ctx, principal),
            principal,
            opts.engagement,
            input,
          );
          process.stdout.write(
            `${opts.engagement}: ${report.added} event(s) added, ${report.skipped.length} skipped, ${report.rejected.length} rejected.\n`,
          );
          for (const s of report.skipped) process.stdout.write(`line ${s.line}: skipped, ${s.reason}\n`);
          for (const r of report.rejected) process.stderr.write(`line ${r.line}: rejected, ${r.reason}\n`);
          return report.rejected.length ? 1 : 0;
        }),
      ),
    );
}
