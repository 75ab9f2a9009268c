import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import tar from 'tar-stream';

const COMMANDS = ['shell whoami', 'ls', 'ps', 'net user /domain', 'shell ipconfig /all', 'pwd', 'getuid'];
const pad = (n: number) => String(n).padStart(2, '0');

/** One beacon's log of `actions` commands on 26-12-31, each with a task and a few lines of output. */
function beaconLog(id: number, actions: number): string {
  const out: string[] = [
    `12/31 00:00:00 UTC [metadata] 198.51.100.${id % 250} <- 10.${(id >> 8) % 250}.${id % 250}.5; computer: WS${id}; user: user${id}; process: rundll32.exe; pid: ${1000 + id}; os: Windows; version: 10.0; build: 19045; beacon arch: x64 (x64)`,
  ];
  for (let i = 0; i < actions; i++) {
    const s = i % 86_400;
    const t = `12/31 ${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)} UTC`;
    const cmd = `${COMMANDS[i % COMMANDS.length]} ${i}`;
    out.push(
      `${t} [input] <neo${i % 3}> ${cmd}`,
      `${t} [task] <T1059.003> Tasked beacon to run: ${cmd}`,
      `${t} [output]`,
      'received output:',
      `line one of ${cmd}`,
      'C:\\Windows\\system32',
    );
  }
  return `${out.join('\n')}\n`;
}

/**
 * Writes a team server's `logs/` as .tar.gz: `sessions` beacons sharing `actions` commands, one log
 * each, streamed to disk (the generator itself holds one log at a time).
 */
export async function writeC2Archive(file: string, sessions: number, actions: number): Promise<number> {
  const pack = tar.pack();
  const write = pipeline(pack, createGzip({ level: 1 }), fs.createWriteStream(file));
  const per = Math.ceil(actions / sessions);
  let left = actions;
  for (let id = 1; id <= sessions; id++) {
    const n = Math.min(per, left);
    left -= n;
    const text = Buffer.from(beaconLog(id, n));
    await new Promise<void>((resolve, reject) =>
      pack.entry({ name: `logs/261231/10.0.0.${id % 250}/beacon_${id}.log`, size: text.length }, text, (e) =>
        e ? reject(e) : resolve(),
      ),
    );
  }
  pack.finalize();
  await write;
  return fs.statSync(file).size;
}
