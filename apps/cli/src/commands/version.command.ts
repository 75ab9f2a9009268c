import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '@steppingstones/core/config';
import type { Command } from 'commander';

export function projectVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string })
    .version;
}

export function versionCommand(program: Command): void {
  program
    .command('version')
    .description('Print the version of Stepping Stones and of Node.js.')
    .action(() => {
      process.stdout.write(`steppingstones ${projectVersion()} (node ${process.version})\n`);
    });
}
