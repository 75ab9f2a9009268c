import { serviceContext } from '@steppingstones/core';
import {
  addToPluginList,
  createPluginHost,
  formatSyncLine,
  listPluginRecords,
  pluginListPath,
  removeFromPluginList,
  scaffoldPlugin,
  setPluginEnabled,
  setPointEnabled,
} from '@steppingstones/core/plugins';
import type { Command } from 'commander';
import { runCommand } from '../run-command.ts';
import { withContext } from '../with-context.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);

async function sync(): Promise<number> {
  return withContext(async (ctx) => {
    const host = await createPluginHost(ctx.database, { logger: ctx.logger, clock: ctx.clock });
    const lines = await host.sync();
    if (!lines.length) out(`No plugins are listed in ${pluginListPath()}.`);
    for (const line of lines) out(formatSyncLine(line));
    return host.registry.failures.length ? 2 : 0;
  });
}

function toggle(target: string, enabled: boolean) {
  const [pluginId, key] = target.split(':');
  return withContext(async (ctx) => {
    const dto = key
      ? await setPointEnabled(serviceContext(ctx, null), pluginId!, key, enabled)
      : await setPluginEnabled(serviceContext(ctx, null), pluginId!, enabled);
    out(`${enabled ? 'Enabled' : 'Disabled'} ${target} (plugin ${dto.id} is ${dto.state}).`);
  });
}

/** `steppingstones plugins …`: sync, list, enable / disable, add / remove, new. */
export function pluginCommands(program: Command): void {
  const plugins = program
    .command('plugins')
    .description('Manage plugins (steppingstones.plugins.json and their state).');

  plugins
    .command('sync')
    .description('Record the installed plugins and their points in the database (also done at server start).')
    .action(() => runCommand(sync));

  plugins
    .command('list')
    .description('List plugins with status, version and points, as last synced.')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) =>
      runCommand(() =>
        withContext(async (ctx) => {
          const records = await listPluginRecords(ctx.database.db);
          if (opts.json) return out(JSON.stringify(records, null, 2));
          if (!records.length) return out('No plugins recorded yet. Run: steppingstones plugins sync');
          for (const p of records) {
            out(`plugin ${p.id} ${p.version || '-'} ${p.state}${p.last_error ? `: ${p.last_error}` : ''}`);
            for (const pt of p.points)
              out(
                `  ${pt.type} ${p.id}:${pt.key} ${pt.status}${pt.enabled ? '' : ' (disabled)'}  ${pt.title}`,
              );
          }
        }),
      ),
    );

  for (const [name, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    plugins
      .command(`${name} <ID[:KEY]>`)
      .description(
        `${enabled ? 'Enable' : 'Disable'} a plugin, or one point of it; every process follows within a second.`,
      )
      .action((target: string) => runCommand(() => toggle(target, enabled)));
  }

  plugins
    .command('add <PACKAGE>')
    .description('Add an installed package to steppingstones.plugins.json (then run plugins sync).')
    .action((pkg: string) =>
      runCommand(async () => {
        const added = addToPluginList(pkg);
        out(
          added
            ? `Added ${pkg} to ${pluginListPath()}. Run: steppingstones plugins sync`
            : `${pkg} is already listed.`,
        );
      }),
    );

  plugins
    .command('remove <PACKAGE>')
    .description(
      'Remove a package from steppingstones.plugins.json (its rows are kept, marked missing at sync).',
    )
    .action((pkg: string) =>
      runCommand(async () => {
        const removed = removeFromPluginList(pkg);
        out(removed ? `Removed ${pkg}. Run: steppingstones plugins sync` : `${pkg} is not listed.`);
        return removed ? 0 : 1;
      }),
    );

  plugins
    .command('new <NAME>')
    .description('Create a working plugin package under plugins/NAME from the template, and list it.')
    .action((name: string) =>
      runCommand(async () => {
        const r = scaffoldPlugin(name);
        out(`Created ${r.packageName} in ${r.directory}:`);
        for (const f of r.files) out(`  ${f}`);
        out('Next: npm install (links the package), then steppingstones plugins sync.');
        out(`Its test: npx vitest run ${r.directory}`);
      }),
    );
}
