import fs from 'node:fs';
import { type AppContext, ValidationError } from '@steppingstones/core';
import { type Principal, systemPrincipal } from '@steppingstones/core/permissions';
import { findUserByUsername, principalForUser } from '@steppingstones/core/users';
import { runCommand } from '../run-command.ts';

/** The system user the import commands act as, recorded as the importer. */
export const CLI_USER = 'cli';

/** Who an import runs as: the system user `cli`, or the active user `--as` names, with their permissions. */
export async function importCaller(ctx: AppContext, as: string | undefined): Promise<Principal> {
  if (!as) return systemPrincipal(CLI_USER);
  const user = await findUserByUsername(ctx.database.db, as);
  if (!user?.is_active) throw ValidationError.field('--as', `No active user "${as}".`);
  return principalForUser(ctx.database.db, user, 'system');
}

/** The file an import reads: `-` is standard input (size unknown). */
export function importInput(file: string): {
  body: NodeJS.ReadableStream;
  size: number | undefined;
  name: string;
} {
  if (file === '-') return { body: process.stdin, size: undefined, name: 'stdin' };
  if (!fs.existsSync(file)) throw ValidationError.field('FILE', `${file} does not exist.`);
  return {
    body: fs.createReadStream(file),
    size: fs.statSync(file).size,
    name: file.split(/[\\/]/).at(-1) ?? file,
  };
}

/**
 * Runs an import command. A failure before anything was imported (unknown engagement, unreadable
 * file, a source that cannot read it) exits 2, the code scripts read as "nothing imported".
 */
export function importAction(body: () => Promise<number>): Promise<void> {
  return runCommand(async () => {
    try {
      return await body();
    } catch (error) {
      process.exitCode = 2;
      throw error;
    }
  });
}
