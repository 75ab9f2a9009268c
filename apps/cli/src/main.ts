import { Command } from 'commander';
import { attackCommands } from './commands/attack.command.ts';
import { backupCommands } from './commands/backup.command.ts';
import { engagementCommands } from './commands/engagement.command.ts';
import { eventsCommands } from './commands/events.command.ts';
import { historyCommands } from './commands/history.command.ts';
import { jobsCommands } from './commands/jobs.command.ts';
import { migrateCommand } from './commands/migrate.command.ts';
import { pluginCommands } from './commands/plugins.command.ts';
import { serveCommand } from './commands/serve.command.ts';
import { userCommands } from './commands/user.command.ts';
import { projectVersion, versionCommand } from './commands/version.command.ts';
import { workerCommand } from './commands/worker.command.ts';

/** Builds the `steppingstones` command tree. Each area adds its commands in its own file. */
export function buildProgram(): Command {
  const program = new Command('steppingstones')
    .description('Stepping Stones: the red team activity hub.')
    .version(projectVersion(), '-V, --version')
    .showHelpAfterError();
  serveCommand(program);
  migrateCommand(program);
  versionCommand(program);
  backupCommands(program);
  engagementCommands(program);
  eventsCommands(program);
  historyCommands(program);
  attackCommands(program);
  userCommands(program);
  pluginCommands(program);
  workerCommand(program);
  jobsCommands(program);
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  await buildProgram().parseAsync(argv);
}
