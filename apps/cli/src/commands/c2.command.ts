import fs from 'node:fs';
import path from 'node:path';
import { ValidationError } from '@steppingstones/core';
import { type C2ImportResult, importC2Logs, nothingImported } from '@steppingstones/core/c2';
import type { Command } from 'commander';
import { withContext } from '../with-context.ts';
import { c2FollowCommand } from './c2-follow.command.ts';
import { CLI_USER, importAction, importCaller } from './import-caller.ts';

interface Options {
  adapter: string;
  engagement: string;
  server?: string;
  json?: boolean;
  as?: string;
}

/** 0: nothing rejected; 1: some entries rejected (the rest imported); 2: nothing could be imported. */
export function c2ExitCode(result: C2ImportResult & { read: number }): number {
  if (result.rejected.length === 0) return 0;
  return nothingImported(result) ? 2 : 1;
}

/** `steppingstones c2 import FILE`: the C2 log import of the API, from the team server or a laptop. */
export function c2Commands(program: Command): void {
  const c2 = program.command('c2').description('C2 activity: sessions, operator actions and downloads.');
  c2.command('import')
    .description(
      "Import a C2 server's logs (Cobalt Strike logs/ as .tar, .tar.gz or .zip, or one beacon_*.log / ssh_*.log / downloads.log) into an engagement; exits 0 when nothing was rejected, 1 when some entries were, 2 when nothing could be imported.",
    )
    .argument('<FILE>', 'the archive or log file')
    .requiredOption('--adapter <NAME>', 'the log format: cobalt-strike-logs')
    .requiredOption('--engagement <CODE>', 'the engagement to add the activity to')
    .option('--server <NAME>', "the C2 server's name (default: the file's name)")
    .option('--json', 'write the result as one compact JSON line on standard output (the last line)')
    .option('--as <USERNAME>', 'import as this user (with their permissions) instead of the system user')
    .action((file: string, opts: Options) => importAction(() => importWith(file, opts)));
  c2FollowCommand(c2);
}

function importWith(file: string, opts: Options): Promise<number> {
  return withContext(async (ctx) => {
    const principal = await importCaller(ctx, opts.as);
    if (!fs.existsSync(file) || !fs.statSync(file).isFile())
      throw ValidationError.field('FILE', `${file} does not exist or is not a file.`);
    process.stderr.write(`reading ${file}…\n`);
    // Streamed from disk and saved in batches: memory stays flat whatever the archive's size.
    const result = await importC2Logs(ctx, principal, {
      engagement: opts.engagement,
      adapter: opts.adapter,
      server: opts.server ?? path.basename(file),
      filename: file,
      file,
      actorName: opts.as ? undefined : CLI_USER,
      onProgress: ({ files, actions }) =>
        process.stderr.write(`${files} file(s) read, ${actions} new action(s) saved\n`),
    });
    const { sessions, actions, downloads, files, credentials, rejected } = result;
    if (opts.json)
      process.stdout.write(
        `${JSON.stringify({ sessions, actions, downloads, files, credentials, rejected })}\n`,
      );
    else {
      process.stdout.write(
        `${opts.engagement}: ${sessions} session(s), ${actions} action(s), ${downloads} download(s), ${files} file(s), ${credentials} credential(s) added; ${rejected.length} rejected.\n`,
      );
    }
    for (const r of rejected) process.stderr.write(`${r.entry}: rejected, ${r.reason}\n`);
    return c2ExitCode(result);
  });
}
