import { serviceContext, ValidationError } from '@steppingstones/core';
import { importCracked, importDump } from '@steppingstones/core/credentials';
import {
  type CrackedImportResult,
  DUMP_IMPORT_TYPES,
  type DumpImportResult,
  type DumpImportType,
} from '@steppingstones/shared/credentials';
import type { Command } from 'commander';
import { withContext } from '../with-context.ts';
import { byteProgress } from './credential-progress.ts';
import { importAction, importCaller, importInput } from './import-caller.ts';

interface Common {
  engagement: string;
  json?: boolean;
  as?: string;
}

/** 0: nothing rejected; 1: some lines rejected, the rest imported; 2: nothing could be imported. */
export function dumpExitCode(r: DumpImportResult): number {
  if (!r.rejected.length) return 0;
  return r.new_hashes + r.new_secrets + r.history_hashes + r.duplicates > 0 ? 1 : 2;
}

export function crackedExitCode(r: CrackedImportResult): number {
  if (!r.rejected.length) return 0;
  return r.cracked_hashes + r.unmatched > 0 ? 1 : 2;
}

function printRejected(rejected: Array<{ line: number; reason: string }>): void {
  for (const r of rejected) process.stderr.write(`line ${r.line}: rejected, ${r.reason}\n`);
}

/**
 * `steppingstones import creds FILE` and `import cracked FILE`: the vault's dump and cracked-hash
 * uploads from a terminal. With `--json` the result is the one line on standard output; progress and
 * messages go to standard error (the bar only on a terminal).
 */
export function importCredentialCommands(group: Command): void {
  group
    .command('creds')
    .description(
      'Import a credential dump into an engagement’s vault; exits 0 when nothing was rejected, 1 when some lines were, 2 when nothing could be imported.',
    )
    .argument('[FILE]', 'the dump; - or nothing reads standard input', '-')
    .requiredOption('--type <TYPE>', `the dump's format: ${DUMP_IMPORT_TYPES.join(', ')}`)
    .requiredOption('--engagement <CODE>', 'the engagement whose vault receives the credentials')
    .option('--system <SYSTEM>', 'the domain or host for lines that name none')
    .option('--hash-type <MODE>', 'the hashcat mode of user-hash and user-hash-secret lines (e.g. 1000)')
    .option('--json', 'write the result as one compact JSON line on standard output (the last line)')
    .option('--as <USERNAME>', 'import as this user (with their permissions) instead of the system user')
    .action((file: string, opts: Common & { type: string; system?: string; hashType?: string }) =>
      importAction(() =>
        withContext(async (ctx) => {
          if (!(DUMP_IMPORT_TYPES as readonly string[]).includes(opts.type))
            throw ValidationError.field('--type', `must be one of ${DUMP_IMPORT_TYPES.join(', ')}`);
          const mode = opts.hashType === undefined ? undefined : Number(opts.hashType);
          if (mode !== undefined && !Number.isInteger(mode))
            throw ValidationError.field('--hash-type', `"${opts.hashType}" is not a hashcat mode number`);
          const principal = await importCaller(ctx, opts.as);
          const input = importInput(file);
          const progress = byteProgress(input.size);
          let result: DumpImportResult;
          try {
            const { import_id: _, ...r } = await importDump(
              serviceContext(ctx, principal),
              principal,
              {
                engagement: opts.engagement,
                type: opts.type as DumpImportType,
                system: opts.system,
                hashType: mode,
                filename: input.name,
              },
              input.body as AsyncIterable<Buffer>,
              {
                actor: { userId: principal.userId || null, username: principal.username },
                maxBytes: Number.MAX_SAFE_INTEGER,
                onBytes: progress.update,
              },
            );
            result = r;
          } finally {
            progress.stop();
          }
          if (opts.json) process.stdout.write(`${JSON.stringify(result)}\n`);
          else {
            process.stdout.write(
              `${opts.engagement}: ${result.new_hashes} new hash(es), ${result.new_secrets} new secret(s), ${result.history_hashes} history hash(es), ${result.duplicates} duplicate(s), ${result.rejected.length} rejected.\n`,
            );
            printRejected(result.rejected);
          }
          return dumpExitCode(result);
        }),
      ),
    );

  group
    .command('cracked')
    .description(
      'Import hashcat --show output or a potfile into an engagement’s vault: every account sharing a cracked hash gets its secret; exits 0, 1 (some lines rejected) or 2 (nothing imported).',
    )
    .argument('[FILE]', 'the potfile or --show output; - or nothing reads standard input', '-')
    .requiredOption('--engagement <CODE>', 'the engagement whose vault is matched')
    .option('--json', 'write the result as one compact JSON line on standard output (the last line)')
    .option('--as <USERNAME>', 'import as this user (with their permissions) instead of the system user')
    .action((file: string, opts: Common) =>
      importAction(() =>
        withContext(async (ctx) => {
          const principal = await importCaller(ctx, opts.as);
          const input = importInput(file);
          const progress = byteProgress(input.size);
          let result: CrackedImportResult;
          try {
            const { import_id: _, ...r } = await importCracked(
              serviceContext(ctx, principal),
              principal,
              opts.engagement,
              input.body as AsyncIterable<Buffer>,
              {
                actor: { userId: principal.userId || null, username: principal.username },
                maxBytes: Number.MAX_SAFE_INTEGER,
                onBytes: progress.update,
                filename: input.name,
              },
            );
            result = r;
          } finally {
            progress.stop();
          }
          if (opts.json) process.stdout.write(`${JSON.stringify(result)}\n`);
          else {
            process.stdout.write(
              `${opts.engagement}: ${result.cracked_hashes} hash(es) cracked, ${result.accounts} account(s) filled in, ${result.unmatched} unmatched, ${result.rejected.length} rejected.\n`,
            );
            printRejected(result.rejected);
          }
          return crackedExitCode(result);
        }),
      ),
    );
}
