import path from 'node:path';
import { serviceContext } from '@steppingstones/core';
import {
  attackReleaseInfo,
  importAttackDataset,
  type KindCounts,
  readAttackFile,
} from '@steppingstones/core/attack';
import { systemPrincipal } from '@steppingstones/core/permissions';
import type { Command } from 'commander';
import { runCommand } from '../run-command.ts';
import { withContext } from '../with-context.ts';

const line = (what: string, c: KindCounts) =>
  `  ${what.padEnd(22)} ${c.added} added, ${c.updated} updated, ${c.unchanged} unchanged, ${c.deprecated} deprecated\n`;

export function attackCommands(program: Command): void {
  const attack = program.command('attack').description('MITRE ATT&CK reference data.');

  attack
    .command('import')
    .description(
      'Update ATT&CK from a MITRE enterprise-attack.json STIX bundle (or the condensed format). ' +
        'Techniques missing from the file are marked deprecated, never deleted, so events keep their references.',
    )
    .argument('<FILE>', 'enterprise-attack.json (STIX 2.1 bundle) or a condensed ATT&CK JSON file')
    .option('--dry-run', 'check the file and print what it contains, without writing')
    .action((file: string, opts: { dryRun?: boolean }) =>
      runCommand(async () => {
        // Parse and validate before touching the database: a bad file changes nothing.
        const { format, dataset } = readAttackFile(path.resolve(file));
        const subs = dataset.techniques.filter((t) => t.parent_id).length;
        process.stdout.write(
          `${file}: ${format === 'stix' ? 'STIX bundle' : 'condensed file'}, ${dataset.release.name} ${dataset.release.release || '(no version)'}: ` +
            `${dataset.tactics.length} tactics, ${dataset.techniques.length - subs} techniques, ${subs} sub-techniques, ` +
            `${dataset.mitigations.length} mitigations, ${dataset.detectionStrategies.length} detection strategies.\n`,
        );
        if (opts.dryRun) return;
        await withContext(async (ctx) => {
          const r = await importAttackDataset(
            serviceContext(ctx, systemPrincipal('cli')),
            dataset,
            path.basename(file),
          );
          process.stdout.write(
            `Imported ATT&CK ${r.release || ''} in one transaction:\n${line('tactics', r.tactics)}${line('techniques', r.techniques)}` +
              `${line('mitigations', r.mitigations)}${line('detection strategies', r.detectionStrategies)}  analytics              ${r.analytics}\n`,
          );
        });
      }),
    );

  attack
    .command('info')
    .description('Show which ATT&CK release is loaded.')
    .action(() =>
      runCommand(() =>
        withContext(async (ctx) => {
          const info = await attackReleaseInfo(ctx.database.db);
          if (!info) {
            process.stdout.write('No ATT&CK data is loaded.\n');
            return 1;
          }
          process.stdout.write(
            `${info.name} ${info.release} (modified ${info.modified || 'unknown'}), from ${info.source}, imported ${info.imported_at}\n${info.license}\n`,
          );
          return 0;
        }),
      ),
    );
}
