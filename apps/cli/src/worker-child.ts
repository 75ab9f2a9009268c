import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/steppingstones.js', import.meta.url));

export interface WorkerChild {
  process: ChildProcess;
  /** Forwards SIGTERM and waits for the worker's graceful stop (then SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts `steppingstones worker` as a child of the server, in the same process group (Ctrl-C reaches
 * both) and with an IPC channel, so the worker also stops when the server dies without a signal.
 */
export function startWorkerChild(env: NodeJS.ProcessEnv = process.env): WorkerChild {
  const child = spawn(process.execPath, [BIN, 'worker'], {
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    detached: false,
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // If the server process exits abruptly, take the worker down with it.
  const kill = () => child.kill('SIGTERM');
  process.once('exit', kill);
  return {
    process: child,
    async stop(graceMs = 30_000) {
      process.removeListener('exit', kill);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
