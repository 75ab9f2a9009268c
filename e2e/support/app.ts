import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** For `beforeAll` hooks that start the app: the first start may build the web app and migrate. */
export const START_TIMEOUT = 240_000;

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = path.join(ROOT, 'apps/cli/bin/steppingstones.js');

/**
 * Builds the web app when its bundle is missing or older than its sources (CI builds it first with
 * `npm run build:web`, so this is then a no-op). Runs once per test process.
 */
let built = false;
export function ensureWebBuilt(): void {
  if (built) return;
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/ensure-web-built.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  built = true;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface RunningApp {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  dataDir: string;
  /** Everything the server printed (stdout and stderr), for failure messages. */
  output: () => string;
  /** The one-time setup token (from DATA_DIR/setup-token, else from the server's output). */
  setupToken: () => string;
  /** Runs a CLI command against the same DATA_DIR; `stdin` is written to the command's input. */
  cli: (args: string[], stdin?: string) => Promise<{ code: number; stdout: string; stderr: string }>;
  /**
   * Stops the server (its open connections, SSE streams included, end), runs `meanwhile` while it is
   * down, then starts it again on the same port and data directory: a deploy, or a dropped connection.
   */
  restart: (meanwhile?: () => Promise<void>) => Promise<void>;
  stop: () => Promise<void>;
}

export interface StartAppOptions {
  /** Extra variables; a function gets the app's URL first (e.g. for `PUBLIC_URL`). */
  env?: Record<string, string> | ((url: string) => Record<string, string>);
}

/** Starts the real app (`steppingstones serve`) on a free port with a fresh data directory. */
export async function startApp(options: StartAppOptions = {}): Promise<RunningApp> {
  ensureWebBuilt();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    WORKER: 'off',
  };
  // A DATABASE_URL from the caller's shell would point every test at one shared database; a test that
  // runs on PostgreSQL passes the URL of a database of its own in `options.env`.
  delete env.DATABASE_URL;
  Object.assign(env, typeof options.env === 'function' ? options.env(url) : options.env);
  let output = '';
  let child: ChildProcess;
  let exited = false;
  const spawnServer = () => {
    exited = false;
    child = spawn(process.execPath, [CLI, 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.on('exit', () => {
      exited = true;
    });
  };

  const stopServer = async () => {
    if (exited) return;
    const done = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await done;
    clearTimeout(killer);
  };
  const stop = async () => {
    await stopServer();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  // Wait for /healthz, with a deadline (the first start migrates a new database).
  const waitHealthy = async () => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (exited) throw new Error(`The app exited during start-up:\n${output}`);
      try {
        const res = await fetch(`${url}/healthz`);
        if (res.ok) return;
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`The app did not answer /healthz within 60 s:\n${output}`);
      }
      await sleep(200);
    }
  };
  spawnServer();
  await waitHealthy();

  /** Stops the server, runs `meanwhile` (e.g. a CLI write), starts it again on the same port and data. */
  const restart = async (meanwhile?: () => Promise<void>) => {
    await stopServer();
    await meanwhile?.();
    spawnServer();
    await waitHealthy();
  };

  const setupToken = () => {
    const file = path.join(dataDir, 'setup-token');
    if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
    const match = /setup token[^A-Za-z0-9_-]*([A-Za-z0-9_-]{16,})/i.exec(output);
    if (match?.[1]) return match[1];
    throw new Error(`No setup token in ${file} nor in the server output:\n${output}`);
  };

  const cli = (args: string[], stdin?: string) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
      const p = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      p.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
      });
      p.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
      });
      p.on('error', reject);
      p.on('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }));
      p.stdin.end(stdin ?? '');
    });

  return { url, dataDir, output: () => output, setupToken, cli, restart, stop };
}
