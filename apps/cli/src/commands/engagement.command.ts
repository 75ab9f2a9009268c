import { serviceContext, ValidationError } from '@steppingstones/core';
import { createEngagement, findEngagementByCode, listEngagements } from '@steppingstones/core/engagements';
import { systemPrincipal } from '@steppingstones/core/permissions';
import {
  addMemberToEngagement,
  listEngagementMembers,
  removeMemberFromEngagement,
  roleOrThrow,
} from '@steppingstones/core/users';
import { ROLE_NAMES } from '@steppingstones/shared';
import type { Command } from 'commander';
import { runCommand } from '../run-command.ts';
import { withContext } from '../with-context.ts';

export function engagementCommands(program: Command): void {
  const engagement = program
    .command('engagement')
    .description('Create and list engagements, manage members.');
  engagementMemberCommands(engagement);

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
          const e = await createEngagement(serviceContext(ctx, systemPrincipal('cli')), {
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

/** `engagement members|add-member|remove-member`: roles per engagement, for automation. */
function engagementMemberCommands(engagement: Command): void {
  const actor = { userId: null, username: 'cli' };
  const byCode = async (db: Parameters<typeof findEngagementByCode>[0], code: string) => {
    const e = await findEngagementByCode(db, code);
    if (!e) throw ValidationError.field('CODE', `No such engagement: ${code}`);
    return e;
  };

  engagement
    .command('members')
    .description('List the members of an engagement with their roles.')
    .argument('<CODE>', 'the engagement code')
    .option('--json', 'print JSON')
    .action((code: string, opts: { json?: boolean }) =>
      runCommand(() =>
        withContext(async (ctx) => {
          const members = await listEngagementMembers(
            ctx.database.db,
            (await byCode(ctx.database.db, code)).id,
          );
          if (opts.json) return void process.stdout.write(`${JSON.stringify(members, null, 2)}\n`);
          if (!members.length) return void process.stdout.write(`${code} has no members.\n`);
          for (const m of members) process.stdout.write(`${m.username}\t${m.role}\t${ROLE_NAMES[m.role]}\n`);
        }),
      ),
    );

  engagement
    .command('add-member')
    .description('Add an existing user to an engagement, or change their role there.')
    .argument('<CODE>', 'the engagement code')
    .argument('<USERNAME>', 'the user to add')
    .requiredOption('--role <ROLE>', 'lead, operator, blue-limited-write, blue-read-only, or its name')
    .action((code: string, username: string, opts: { role: string }) =>
      runCommand(() =>
        withContext(async (ctx) => {
          const role = roleOrThrow(opts.role, '--role');
          const e = await byCode(ctx.database.db, code);
          const m = await addMemberToEngagement(
            serviceContext(ctx, systemPrincipal('cli')),
            systemPrincipal('cli'),
            e,
            username,
            role,
            actor,
          );
          process.stdout.write(`${m.username} is now ${ROLE_NAMES[m.role]} (${m.role}) in ${e.code}.\n`);
        }),
      ),
    );

  engagement
    .command('remove-member')
    .description('Remove a user from an engagement.')
    .argument('<CODE>', 'the engagement code')
    .argument('<USERNAME>', 'the member to remove')
    .action((code: string, username: string) =>
      runCommand(() =>
        withContext(async (ctx) => {
          const e = await byCode(ctx.database.db, code);
          await removeMemberFromEngagement(serviceContext(ctx, systemPrincipal('cli')), e, username, actor);
          process.stdout.write(`Removed ${username} from ${e.code}.\n`);
        }),
      ),
    );
}
