import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@steppingstones/core';
import { createDb } from '@steppingstones/db';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../cli/bin/steppingstones.js', import.meta.url));
const FIRST_RUN_LINE = /^First run: open (http:\/\/\S+) and enter the setup token: (\S+)$/m;

interface Served {
  child: ChildProcessWithoutNullStreams;
  /** The "First run: …" line the server printed. */
  line: string;
  url: string;
  /** Everything printed so far (stdout and stderr). */
  output: () => string;
  stop: () => Promise<void>;
}

/** `steppingstones serve` on a fresh SQLite data directory, once it has printed its first-run line. */
async function serveFresh(dataDir: string, logLevel: string): Promise<Served> {
  const child = spawn(process.execPath, [CLI, 'serve'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: logLevel,
      WORKER: 'off',
      DATABASE_URL: '',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  };
  try {
    const line = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no setup token line; output:\n${output}`)), 100_000);
      const onData = (d: Buffer) => {
        output += d.toString();
        const match = FIRST_RUN_LINE.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[0]);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
    });
    const url = /open (\S+?)\/? and/.exec(line)?.[1] ?? '';
    return { child, line, url, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

describe('server start on an empty data directory', () => {
  it('prints the one-time setup token and writes it to DATA_DIR with mode 0600', {
    timeout: 120_000,
  }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-first-run-'));
    const served = await serveFresh(dataDir, 'warn');
    try {
      const token = served.line.split(': ').pop();
      const file = path.join(dataDir, 'setup-token');
      expect(fs.readFileSync(file, 'utf8').trim()).toBe(token);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const status = await fetch(new URL('/api/v1/setup/', served.url)).then((r) => r.json());
      expect(status).toEqual({ needed: true });
    } finally {
      await served.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('logs JSON lines carrying the request id, and answers a server failure without internals or secrets', {
    timeout: 120_000,
  }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-logs-'));
    const served = await serveFresh(dataDir, 'info');
    const password = 'Never-Log-This-Passphrase-7';
    try {
      // Break the database under the running server, so a sign-in fails inside the server.
      const database = createDb({ target: loadConfig({ DATA_DIR: dataDir }).database });
      await sql`drop table auth_throttle`.execute(database.db);
      await database.close();

      const res = await fetch(new URL('/api/v1/auth/login/', served.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'someone', password }),
      });
      const requestId = res.headers.get('x-request-id') ?? '';
      const text = await res.text();
      expect(res.status).toBe(500);
      expect(JSON.parse(text)).toEqual({
        error: 'internal',
        message: `Something went wrong on the server. The error was logged with request id ${requestId}.`,
      });
      expect(text).not.toMatch(/auth_throttle|\bat .*:\d+|node_modules|stack/i);

      // The failure is in the log as JSON, under the same request id, with its stack, and the password nowhere.
      await expect.poll(() => served.output().includes('"request failed"'), { timeout: 20_000 }).toBe(true);
      await served.stop();
      // Log records are JSON lines (beside them, `serve` prints a few plain lines for the operator).
      const records = served
        .output()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      const failed = records.find((r) => r.msg === 'request failed');
      expect(failed).toMatchObject({ reqId: requestId, level: 50 });
      expect(JSON.stringify(failed?.err)).toContain('auth_throttle');
      expect(records.filter((r) => r.reqId === requestId).length).toBeGreaterThanOrEqual(2);
      expect(served.output()).not.toContain(password);
    } finally {
      await served.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
