import fs from 'node:fs';

/**
 * The data directory and what it holds (the database with its -wal and -shm, the secret key, backups,
 * spooled uploads) are the instance's secrets: only the account running it may read them, whatever the
 * umask. SQLite gives -wal and -shm the database file's own mode, so a private database file is enough.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates a directory (and missing parents) readable by the owner only; an existing one is left as is. */
export function makePrivateDir(dir: string): void {
  if (fs.existsSync(dir)) return;
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  // mkdir's mode is masked by the umask, which can only remove bits: set it exactly.
  fs.chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Creates an empty file readable by the owner only; fails if it exists (O_EXCL). */
export function createPrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'wx', PRIVATE_FILE_MODE));
}

/** Makes existing files owner-only (missing ones are skipped). */
export function makeFilesPrivate(...files: string[]): void {
  for (const file of files) {
    try {
      fs.chmodSync(file, PRIVATE_FILE_MODE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}
