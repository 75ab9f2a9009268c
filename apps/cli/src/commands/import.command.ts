import type { Command } from 'commander';
import { importCredentialCommands } from './import-credentials.command.ts';
import { importEventStreamCommand } from './import-eventstream.command.ts';

/** `steppingstones import <kind> …`: imports of other tools' output into an engagement. */
export function importCommands(program: Command): void {
  const group = program.command('import').description("Import other tools' output into an engagement.");
  importEventStreamCommand(group);
  importCredentialCommands(group);
}
