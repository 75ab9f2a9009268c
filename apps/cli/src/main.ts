import { Command } from 'commander';
import { projectVersion } from './commands/version.command.ts';

type Register = (program: Command) => void;

/**
 * Each top-level command and the module that registers it. Only the module of the command being run is
 * imported: loading every area's services cost about two seconds of CPU per call, even for `version`.
 * Help, `--version` and unknown names load them all.
 */
const COMMAND_MODULES: Record<string, () => Promise<Register>> = {
  serve: async () => (await import('./commands/serve.command.ts')).serveCommand,
  migrate: async () => (await import('./commands/migrate.command.ts')).migrateCommand,
  version: async () => (await import('./commands/version.command.ts')).versionCommand,
  backup: async () => (await import('./commands/backup.command.ts')).backupCommands,
  restore: async () => (await import('./commands/backup.command.ts')).backupCommands,
  engagement: async () => (await import('./commands/engagement.command.ts')).engagementCommands,
  events: async () => (await import('./commands/events.command.ts')).eventsCommands,
  import: async () => (await import('./commands/import.command.ts')).importCommands,
  history: async () => (await import('./commands/history.command.ts')).historyCommands,
  attack: async () => (await import('./commands/attack.command.ts')).attackCommands,
  createuser: async () => (await import('./commands/user.command.ts')).userCommands,
  plugins: async () => (await import('./commands/plugins.command.ts')).pluginCommands,
  worker: async () => (await import('./commands/worker.command.ts')).workerCommand,
  jobs: async () => (await import('./commands/jobs.command.ts')).jobsCommands,
  c2: async () => (await import('./commands/c2.command.ts')).c2Commands,
  credentials: async () => (await import('./commands/credentials.command.ts')).credentialsCommands,
  search: async () => (await import('./commands/search.command.ts')).searchCommands,
};

/** The names of the top-level commands, for tests that check every one is reachable. */
export const COMMAND_NAMES = Object.keys(COMMAND_MODULES);

/** Builds the `steppingstones` command tree: only `name`'s area when given, every area otherwise. */
export async function buildProgram(name?: string): Promise<Command> {
  const program = new Command('steppingstones')
    .description('Stepping Stones: the red team activity hub.')
    .version(projectVersion(), '-V, --version')
    .showHelpAfterError();
  const loaders = name && COMMAND_MODULES[name] ? [COMMAND_MODULES[name]] : Object.values(COMMAND_MODULES);
  const registered = new Set<Register>();
  for (const load of loaders) {
    const register = await load();
    // backup/restore share one module: register it once.
    if (registered.has(register)) continue;
    registered.add(register);
    register(program);
  }
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  const name = argv[2];
  await (await buildProgram(name)).parseAsync(argv);
}
