import { serviceContext, ValidationError } from '@steppingstones/core';
import { systemPrincipal } from '@steppingstones/core/permissions';
import { retireSetupToken } from '@steppingstones/core/setup';
import { createUser, strongestRole } from '@steppingstones/core/users';
import { ROLE_NAMES } from '@steppingstones/shared';
import type { Command } from 'commander';
import { runCommand } from '../run-command.ts';
import { withContext } from '../with-context.ts';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY)
    throw ValidationError.field(
      '--password-stdin',
      'pipe the password in, e.g. printf %s "$PASSWORD" | steppingstones createuser ...',
    );
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  // One trailing newline (from echo or a here-string) is not part of the password.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

const collect = (value: string, previous: string[]) => [...previous, value];

interface Options {
  username: string;
  passwordStdin?: boolean;
  superuser?: boolean;
  role: string[];
  group: string[];
  engagement: string[];
  displayName?: string;
}

export function userCommands(program: Command): void {
  program
    .command('createuser')
    .description('Create a user (for automation; the first administrator can also come from the web wizard).')
    .requiredOption('--username <NAME>', 'the login name (unique, case-insensitive)')
    .option('--password-stdin', 'read the password from standard input (required)')
    .option('--superuser', 'every permission in every engagement')
    .option('--engagement <CODE>', 'make a member of an engagement (repeatable)', collect, [])
    .option(
      '--role <ROLE>',
      'the role in each engagement given: lead, operator, blue-limited-write, blue-read-only, or its name ' +
        '(e.g. "Red Team Operators"); default blue-read-only',
      collect,
      [],
    )
    .option('--group <ROLE>', 'the same as --role (the name groups had)', collect, [])
    .option('--display-name <NAME>', 'the name shown in the UI')
    .action((opts: Options) =>
      runCommand(async () => {
        if (!opts.passwordStdin)
          throw ValidationError.field(
            '--password-stdin',
            'is required: passwords are never taken from arguments',
          );
        const names = [...opts.role, ...opts.group];
        const role = strongestRole(names);
        if (names.length && !opts.engagement.length)
          throw ValidationError.field(
            '--role',
            'applies to the engagements given with --engagement; name one',
          );
        const password = await readStdin();
        await withContext(async (ctx) => {
          const user = await createUser(
            serviceContext(ctx, systemPrincipal('cli')),
            {
              username: opts.username,
              password,
              is_superuser: Boolean(opts.superuser),
              memberships: opts.engagement.map((engagement) => ({ engagement, role })),
              ...(opts.displayName ? { display_name: opts.displayName } : {}),
            },
            { userId: null, username: 'cli' },
            systemPrincipal('cli'),
          );
          // A user now exists: setup is done, and the token file a server printed must not linger.
          await retireSetupToken(ctx.database.db, ctx.config.setupTokenFile);
          const extras = [
            user.is_superuser ? 'superuser' : '',
            user.memberships.length
              ? `${ROLE_NAMES[role]} in ${user.memberships.map((m) => m.engagement).join(', ')}`
              : '',
          ].filter(Boolean);
          process.stdout.write(
            `Created user ${user.username}${extras.length ? ` (${extras.join('; ')})` : ''}.\n`,
          );
        });
      }),
    );
}
