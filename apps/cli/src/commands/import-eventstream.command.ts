import { ValidationError } from '@steppingstones/core';
import { type EventStreamImportResult, runEventStreamImport } from '@steppingstones/core/eventstream';
import type { Command } from 'commander';
import { withContext } from '../with-context.ts';
import { CLI_USER, importAction, importCaller, importInput } from './import-caller.ts';
import { importProgress } from './import-progress.ts';

interface Options {
  engagement: string;
  source?: string;
  param: string[];
  json?: boolean;
  as?: string;
}

function collectParam(value: string, previous: string[]): string[] {
  if (!/^[^=]+=/.test(value)) throw ValidationError.field('--param', `"${value}" is not NAME=VALUE`);
  return [...previous, value];
}

function paramsOf(list: string[]): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const entry of list) {
    const at = entry.indexOf('=');
    const name = entry.slice(0, at).trim();
    const value = entry.slice(at + 1);
    const before = params[name];
    params[name] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
  }
  return params;
}

/** 0: nothing rejected; 1: some lines rejected; 2: nothing could be imported. */
export function exitCodeOf(result: EventStreamImportResult): number {
  if (result.rejected.length === 0) return 0;
  return result.added + result.duplicates > 0 ? 1 : 2;
}

/**
 * `steppingstones import eventstream [FILE]`: the EventStream import of the web page and the API from
 * a script. It acts as the system user (recorded as `cli`) unless `--as` names a user.
 */
export function importEventStreamCommand(group: Command): void {
  group
    .command('eventstream')
    .description(
      'Import EventStream (JSON Lines, see docs/eventstream.md) into an engagement, or another file through a source plugin; exits 0 when nothing was rejected, 1 when some lines were, 2 when nothing could be imported.',
    )
    .argument('[FILE]', 'the file; - or nothing reads standard input', '-')
    .requiredOption('--engagement <CODE>', 'the engagement to add the lines to')
    .option(
      '--source <PLUGIN:KEY>',
      'an EventStream source plugin that reads FILE (e.g. eventstream-sources:bash-history)',
    )
    .option('--param <NAME=VALUE>', 'a parameter of the source (repeatable)', collectParam, [])
    .option('--json', 'write the result as one compact JSON line on standard output (the last line)')
    .option('--as <USERNAME>', 'import as this user (with their permissions) instead of the system user')
    .action((file: string, opts: Options) => importAction(() => importWith(file, opts)));
}

function importWith(file: string, opts: Options): Promise<number> {
  return withContext(async (ctx) => {
    const principal = await importCaller(ctx, opts.as);
    const { body, size } = importInput(file);
    const progress = importProgress(size);
    let result: EventStreamImportResult;
    try {
      result = await runEventStreamImport(
        ctx,
        principal,
        {
          engagement: opts.engagement,
          source: opts.source,
          params: paramsOf(opts.param),
          filename: file === '-' ? 'stdin' : file,
          body,
          size,
        },
        { importedByName: opts.as ? undefined : CLI_USER, onProgress: progress.update },
      );
    } finally {
      progress.stop();
    }
    // Exactly the API's answer: the credential counts go to standard error.
    const { added, duplicates, rejected, credentials } = result;
    if (opts.json) process.stdout.write(`${JSON.stringify({ added, duplicates, rejected })}\n`);
    else {
      process.stdout.write(
        `${opts.engagement}: ${result.added} line(s) added, ${result.duplicates} duplicate(s), ${result.rejected.length} rejected.\n`,
      );
      for (const r of result.rejected) process.stderr.write(`line ${r.line}: rejected, ${r.reason}\n`);
    }
    if (credentials && credentials.newHashes + credentials.newSecrets > 0)
      process.stderr.write(
        `credentials found in the new lines: ${credentials.newHashes} hash(es), ${credentials.newSecrets} cleartext secret(s) added to the vault.\n`,
      );
    return exitCodeOf(result);
  });
}
