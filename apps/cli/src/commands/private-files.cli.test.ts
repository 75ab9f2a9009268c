import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/steppingstones.js', import.meta.url));
const mode = (file: string) => fs.statSync(file).mode & 0o777;

// SQLite only: the files are SQLite's (on PostgreSQL the data directory holds the key and backups).
describe('the data directory on a fresh instance', () => {
  it('is created 0700, its database (-wal, -shm), key and backups 0600; createuser retires the setup token', {
    timeout: 240_000,
  }, () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-modes-'));
    const dataDir = path.join(root, 'data');
    const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' } as Record<string, string>;
    delete env.DATABASE_URL;
    const run = (args: string[], input = '') =>
      spawnSync(process.execPath, [BIN, ...args], { env, input, encoding: 'utf8', timeout: 120_000 });
    const oldUmask = process.umask(0o022);
    try {
      expect(run(['migrate']).status).toBe(0);
      expect(mode(dataDir)).toBe(0o700);
      const db = path.join(dataDir, 'steppingstones.db');
      for (const file of [db, `${db}-wal`, `${db}-shm`, path.join(dataDir, 'secret.key')])
        if (fs.existsSync(file)) expect(mode(file), file).toBe(0o600);
      expect(fs.existsSync(db)).toBe(true);

      // A server printed a setup token; then the first user came from the CLI instead of the wizard.
      const tokenFile = path.join(dataDir, 'setup-token');
      fs.writeFileSync(tokenFile, 'printed-token\n', { mode: 0o600 });
      const created = run(
        ['createuser', '--username', 'ops', '--password-stdin', '--superuser'],
        'Quiet-Harbour-Lantern-8\n',
      );
      expect(created.status, created.stderr).toBe(0);
      expect(fs.existsSync(tokenFile)).toBe(false);
      for (const file of [db, `${db}-wal`, `${db}-shm`])
        if (fs.existsSync(file)) expect(mode(file), file).toBe(0o600);

      const backup = path.join(root, 'backups', 'copy.db');
      const backedUp = run(['backup', backup]);
      expect(backedUp.status, backedUp.stderr).toBe(0);
      expect(mode(backup)).toBe(0o600);
    } finally {
      process.umask(oldUmask);
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
