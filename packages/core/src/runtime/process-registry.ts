import fs from 'node:fs';
import path from 'node:path';
import { makePrivateDir } from '@steppingstones/db';

/**
 * Running servers and workers leave a pid file in DATA_DIR/run, so commands that must not run beside
 * them (restore) can refuse. A pid file whose process is gone is stale and ignored.
 */
export function registerRunningProcess(dataDir: string, role: 'server' | 'worker'): () => void {
  const dir = path.join(dataDir, 'run');
  makePrivateDir(dir);
  const file = path.join(dir, `${role}-${process.pid}.pid`);
  fs.writeFileSync(file, String(process.pid));
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    fs.rmSync(file, { force: true });
  };
  process.once('exit', remove);
  return remove;
}

export function runningProcesses(dataDir: string): Array<{ role: string; pid: number }> {
  const dir = path.join(dataDir, 'run');
  if (!fs.existsSync(dir)) return [];
  const alive: Array<{ role: string; pid: number }> = [];
  for (const name of fs.readdirSync(dir)) {
    const match = /^(server|worker)-(\d+)\.pid$/.exec(name);
    if (!match) continue;
    const pid = Number(match[2]);
    if (pid !== process.pid && isAlive(pid)) alive.push({ role: match[1]!, pid });
    else if (!isAlive(pid)) fs.rmSync(path.join(dir, name), { force: true });
  }
  return alive;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
