import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../cli/bin/steppingstones.js', import.meta.url));

describe('server start on an empty data directory', () => {
  it('prints the one-time setup token and writes it to DATA_DIR with mode 0600', {
    timeout: 120_000,
  }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-first-run-'));
    const child = spawn(process.execPath, [CLI, 'serve'], {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        WORKER: 'off',
        DATABASE_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      const line = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no setup token line; output:\n${output}`)), 100_000);
        const onData = (d: Buffer) => {
          output += d.toString();
          const match = /^First run: open (http:\/\/\S+) and enter the setup token: (\S+)$/m.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(match[0]);
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
      });
      const token = line.split(': ').pop();
      const file = path.join(dataDir, 'setup-token');
      expect(fs.readFileSync(file, 'utf8').trim()).toBe(token);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const url = /open (\S+?)\/? and/.exec(line)?.[1];
      const status = await fetch(new URL('/api/v1/setup/', url)).then((r) => r.json());
      expect(status).toEqual({ needed: true });
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
