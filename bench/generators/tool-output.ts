import { Rng } from './random.ts';

/**
 * Mixed tool output as an operator pastes it into evidence or uploads it for `grep`: mostly ordinary
 * output (port scans, directory listings, process lists, beacon console lines, LDAP attributes, web
 * logs) with credential-bearing blocks among it (secretsdump, Kerberoast, mimikatz, NetExec, Responder,
 * shadow lines). Seeded, so every run reads the same text.
 */
const USERS = [
  'alice',
  'bob',
  'carol',
  'dave',
  'erin',
  'frank',
  'svc_sql',
  'svc_web',
  'Administrator',
  'helpdesk',
];
const HOSTS = ['DC01', 'WS01', 'WS02', 'SQL01', 'WEB01', 'FS01'];
const PROCS = [
  'svchost.exe',
  'explorer.exe',
  'lsass.exe',
  'chrome.exe',
  'OUTLOOK.EXE',
  'powershell.exe',
  'teams.exe',
];

function ip(r: Rng): string {
  return `10.${r.int(4)}.${r.int(256)}.${r.int(256)}`;
}

const ORDINARY: ReadonlyArray<readonly [(r: Rng) => string, number]> = [
  [
    (r) =>
      `Nmap scan report for ${ip(r)}\nHost is up (0.0${r.int(90)}s latency).\nPORT     STATE SERVICE\n` +
      Array.from(
        { length: r.range(2, 8) },
        () =>
          `${r.pick([22, 80, 135, 139, 443, 445, 3389, 5985])}/tcp open  ${r.pick(['ssh', 'http', 'msrpc', 'microsoft-ds', 'ms-wbt-server'])}`,
      ).join('\n'),
    20,
  ],
  [
    (r) =>
      ` Directory of C:\\Users\\${r.pick(USERS)}\\Documents\n\n` +
      Array.from(
        { length: r.range(3, 12) },
        () =>
          `${r.range(1, 12)}/${r.range(1, 28)}/2024  ${r.range(1, 12)}:${r.range(10, 59)} PM    ${r.range(100, 999999).toLocaleString('en-US')} report_${r.hex(6)}.docx`,
      ).join('\n'),
    20,
  ],
  [
    (r) =>
      Array.from(
        { length: r.range(4, 15) },
        () =>
          `${r.pick(PROCS).padEnd(28)}${String(r.range(4, 9999)).padStart(6)} Console    1   ${r.range(1, 99999).toLocaleString('en-US')} K`,
      ).join('\n'),
    15,
  ],
  [
    (r) =>
      `[12/${r.range(10, 28)} ${r.range(10, 23)}:${r.range(10, 59)}:${r.range(10, 59)}] [*] Tasked beacon to run: ${r.pick(['whoami /all', 'net group "Domain Admins" /domain', 'ls', 'ps', 'shell ipconfig'])}\n[12/${r.range(10, 28)} ${r.range(10, 23)}:${r.range(10, 59)}:${r.range(10, 59)}] [+] host called home, sent: ${r.range(20, 900)} bytes`,
    15,
  ],
  [
    (r) =>
      `dn: CN=${r.pick(USERS)},CN=Users,DC=corp,DC=local\nsAMAccountName: ${r.pick(USERS)}\nuserAccountControl: 66048\nmemberOf: CN=Domain Users,CN=Users,DC=corp,DC=local\nlastLogon: 1337${r.int(1e9)}\n`,
    10,
  ],
  [
    (r) =>
      `${ip(r)} - - [07/Dec/2026:${r.range(10, 23)}:${r.range(10, 59)}:00 +0000] "GET /${r.hex(8)}/index.php?id=${r.int(9999)} HTTP/1.1" 200 ${r.int(99999)} "-" "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"`,
    10,
  ],
];

const EMPTY_LM = 'aad3b435b51404eeaad3b435b51404ee';

const CREDENTIALS: ReadonlyArray<readonly [(r: Rng) => string, number]> = [
  [
    (r) =>
      Array.from(
        { length: r.range(3, 10) },
        () => `corp.local\\${r.pick(USERS)}${r.int(999)}:${r.range(1000, 9999)}:${EMPTY_LM}:${r.hex(32)}:::`,
      ).join('\n'),
    3,
  ],
  [
    (r) => `$krb5tgs$23$*${r.pick(USERS)}$CORP.LOCAL$MSSQLSvc/${r.pick(HOSTS)}*$${r.hex(32)}$${r.hex(1200)}`,
    1,
  ],
  [
    (r) =>
      `Authentication Id : 0 ; ${r.int(999999)} (00000000:000${r.hex(5)})\nSession           : Interactive from 1\nUser Name         : ${r.pick(USERS)}\n\tmsv :\t\n\t * Username : ${r.pick(USERS)}\n\t * Domain   : CORP\n\t * NTLM     : ${r.hex(32)}\n\t * SHA1     : ${r.hex(40)}\n\twdigest :\t\n\t * Username : ${r.pick(USERS)}\n\t * Domain   : CORP\n\t * Password : (null)`,
    1,
  ],
  [
    (r) =>
      `SMB         ${ip(r)}       445    ${r.pick(HOSTS)}             [+] corp.local\\${r.pick(USERS)}:Summer${r.range(2020, 2026)}! (Pwn3d!)`,
    1,
  ],
  [
    (r) =>
      `[SMB] NTLMv2-SSP Hash     : ${r.pick(USERS)}::CORP:${r.hex(16)}:${r.hex(32)}:0101000000000000${r.hex(300)}`,
    1,
  ],
  [(r) => `${r.pick(USERS)}:$6$${r.hex(8)}$${r.hex(86)}:19${r.int(999)}:0:99999:7:::`, 1],
];

function chunk(r: Rng): string {
  return r.chance(0.1) ? r.weighted(CREDENTIALS)(r) : r.weighted(ORDINARY)(r);
}

/** About `bytes` characters of mixed output (ASCII, so characters and bytes agree). */
export function mixedToolOutput(bytes: number, seed = 16): string {
  const r = new Rng(seed);
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    const c = `${chunk(r)}\n`;
    parts.push(c);
    size += c.length;
  }
  return parts.join('');
}
