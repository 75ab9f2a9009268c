import { once } from 'node:events';
import fs from 'node:fs';

const HOSTS = ['WS01', 'WS02', 'DC01', 'FS01', 'SQL01', 'kali', 'web01', '10.0.0.5', 'attacker.example.com'];
const USERS = ['alice', 'bob', 'CORP\\svc_sql', 'root', 'administrator'];
const COMMANDS = [
  'whoami /all',
  'net group "Domain Admins" /domain',
  'nltest /dclist:corp.local',
  'Get-ADUser -Filter * -Properties servicePrincipalName',
  'nmap -sV -p 1-1024 10.0.0.0/24',
  'ls -la /etc/',
  'cat /etc/passwd',
  'ipconfig /all',
];
const TECHNIQUES = [
  ['TA0007', 'T1087.002'],
  ['TA0007', 'T1018'],
  ['TA0002', 'T1059.001'],
  ['TA0006', 'T1110.003'],
];

/** One deterministic EventStream line: about 300 bytes, a quarter with ATT&CK ids, some with extra keys. */
export function eventStreamLine(i: number): string {
  const pick = <T>(list: readonly T[], k: number) => list[k % list.length] as T;
  const ts = new Date(Date.UTC(2026, 0, 1) + i * 7_000).toISOString().slice(0, 19);
  const record: Record<string, unknown> = {
    ts,
    op: pick(USERS, i),
    s: { h: pick(HOSTS, i), u: pick(USERS, i + 1), p: 'powershell.exe' },
    t: { h: pick(HOSTS, i + 3) },
    d: `Step ${i}: ${pick(COMMANDS, i).split(' ')[0]} on ${pick(HOSTS, i + 3)}`,
    e: `PS C:\\> ${pick(COMMANDS, i)}\nOutput line one for ${i}\nOutput line two`,
  };
  if (i % 4 === 0) {
    const [ta, t] = pick(TECHNIQUES, i / 4);
    record.ma = { ta, t };
  }
  if (i % 5 === 0) record.ticket = `OPS-${i % 977}`;
  return JSON.stringify(record);
}

/** Writes `lines` EventStream lines to `file`, streaming (memory stays flat at any size). */
export async function writeEventStreamFile(file: string, lines: number): Promise<number> {
  const out = fs.createWriteStream(file);
  let chunk: string[] = [];
  for (let i = 0; i < lines; i++) {
    chunk.push(eventStreamLine(i));
    if (chunk.length === 1000) {
      if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain');
      chunk = [];
    }
  }
  if (chunk.length) out.write(`${chunk.join('\n')}\n`);
  out.end();
  await once(out, 'finish');
  return fs.statSync(file).size;
}
