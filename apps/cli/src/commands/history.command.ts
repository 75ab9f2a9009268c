import fs from 'node:fs';
import { serviceContext, ValidationError } from '@steppingstones/core';
import { findEngagementByCode } from '@steppingstones/core/engagements';
import { createCheckpoint, verifyCheckpoint, verifyHistory } from '@steppingstones/core/history';
import { systemPrincipal } from '@steppingstones/core/permissions';
import type { Command } from 'commander';
import { runCommand } from '../run-command.ts';
import { withContext } from '../with-context.ts';

async function engagementOrFail(ctx: Parameters<Parameters<typeof withContext>[0]>[0], code: string) {
  const engagement = await findEngagementByCode(ctx.database.db, code);
  if (!engagement) throw ValidationError.field('--engagement', `No engagement has the code "${code}".`);
  return engagement;
}

export function historyCommands(program: Command): void {
  const history = program
    .command('history')
    .description('Prove the event history intact; export signed checkpoints.');

  history
    .command('verify')
    .description(
      'Check every revision of the chain and every event against its latest revision; exit 1 naming the first altered record.',
    )
    .option('--engagement <CODE>', 'only this engagement')
    .option('--checkpoint <FILE>', 'also check a checkpoint written earlier by `history checkpoint`')
    .action((opts: { engagement?: string; checkpoint?: string }) =>
      runCommand(() =>
        withContext(async (ctx) => {
          const key = ctx.keys.derive('history-chain');
          const engagement = opts.engagement ? await engagementOrFail(ctx, opts.engagement) : undefined;
          const report = await verifyHistory(ctx.database.db, key, { engagementId: engagement?.id });
          for (const e of report.engagements) {
            process.stdout.write(
              `${e.code}: ${e.revisions} revision(s), ${e.events} event(s) checked, head at revision ${e.headSeq}\n`,
            );
          }
          if (!report.ok) {
            process.stderr.write(`ALTERED: ${report.problem?.message}\n`);
            return 1;
          }
          if (opts.checkpoint) {
            const checkpoint: unknown = JSON.parse(fs.readFileSync(opts.checkpoint, 'utf8'));
            const result = await verifyCheckpoint(ctx.database.db, key, checkpoint);
            (result.ok ? process.stdout : process.stderr).write(
              `${result.ok ? 'Checkpoint' : 'CHECKPOINT FAILED'}: ${result.message}\n`,
            );
            if (!result.ok) return 1;
          }
          process.stdout.write('History intact.\n');
          return 0;
        }),
      ),
    );

  history
    .command('checkpoint')
    .description(
      "Print (or write) a signed checkpoint of an engagement's history head for the client to keep.",
    )
    .requiredOption('--engagement <CODE>', 'the engagement')
    .option('--out <FILE>', 'write the checkpoint to this file instead of printing it')
    .action((opts: { engagement: string; out?: string }) =>
      runCommand(() =>
        withContext(async (ctx) => {
          const engagement = await engagementOrFail(ctx, opts.engagement);
          const checkpoint = await createCheckpoint(serviceContext(ctx, systemPrincipal('cli')), engagement);
          const text = `${JSON.stringify(checkpoint, null, 2)}\n`;
          if (opts.out) {
            fs.writeFileSync(opts.out, text, { flag: 'wx' });
            process.stdout.write(
              `Checkpoint of ${engagement.code} at revision ${checkpoint.head_seq} written to ${opts.out}.\n`,
            );
          } else {
            process.stdout.write(text);
          }
        }),
      ),
    );
}
