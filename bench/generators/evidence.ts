import type { Rng } from './random.ts';
import type { Estate } from './vocabulary.ts';

/**
 * Raw evidence shaped like what operators paste: command output, secretsdump and nmap output, roasted
 * tickets, directory listings. Sizes follow a long tail (most are small, a few are tens of kilobytes).
 */
export type EvidenceKind = 'none' | 'command' | 'listing' | 'secretsdump' | 'nmap' | 'kerberoast' | 'large';

export const EVIDENCE_MIX: ReadonlyArray<readonly [EvidenceKind, number]> = [
  ['none', 28],
  ['command', 42],
  ['listing', 12],
  ['nmap', 8],
  ['secretsdump', 3],
  ['kerberoast', 5],
  ['large', 0.1],
];

function ntlmLine(rng: Rng, user: string, rid: number): string {
  return `${user}:${rid}:aad3b435b51404eeaad3b435b51404ee:${rng.hex(32)}:::`;
}

export function secretsdump(rng: Rng, estate: Estate, host: string): string {
  const lines = [
    `Impacket v0.12.0 - Copyright Fortra, LLC and its affiliated companies`,
    '',
    `[*] Target system bootKey: 0x${rng.hex(32)}`,
    '[*] Dumping local SAM hashes (uid:rid:lmhash:nthash)',
    ntlmLine(rng, 'Administrator', 500),
    ntlmLine(rng, 'Guest', 501),
    '[*] Dumping cached domain logon information (domain/username:hash)',
    '[*] Dumping Domain Credentials (domain\\uid:rid:lmhash:nthash)',
    '[*] Using the DRSUAPI method to get NTDS.DIT secrets',
  ];
  const count = rng.range(10, 70);
  for (let i = 0; i < count; i++) {
    const user = rng.pick(estate.users).replace(/^CORP\\/, 'corp.example.com\\');
    lines.push(ntlmLine(rng, user, 1100 + rng.int(9000)));
  }
  lines.push(`[*] Kerberos keys grabbed from ${host}`);
  lines.push(`krbtgt:aes256-cts-hmac-sha1-96:${rng.hex(64)}`);
  lines.push('[*] Cleaning up...');
  return lines.join('\n');
}

const PORTS: ReadonlyArray<readonly [string, string]> = [
  ['22/tcp', 'ssh     OpenSSH 8.9p1 Ubuntu 3ubuntu0.6'],
  ['53/tcp', 'domain  Simple DNS Plus'],
  ['80/tcp', 'http    Microsoft IIS httpd 10.0'],
  ['88/tcp', 'kerberos-sec Microsoft Windows Kerberos'],
  ['135/tcp', 'msrpc   Microsoft Windows RPC'],
  ['139/tcp', 'netbios-ssn Microsoft Windows netbios-ssn'],
  ['389/tcp', 'ldap    Microsoft Windows Active Directory LDAP'],
  ['443/tcp', 'https   nginx 1.24.0'],
  ['445/tcp', 'microsoft-ds?'],
  ['1433/tcp', 'ms-sql-s Microsoft SQL Server 2019 15.00.2000'],
  ['3389/tcp', 'ms-wbt-server Microsoft Terminal Services'],
  ['5985/tcp', 'http    Microsoft HTTPAPI httpd 2.0 (SSDP/UPnP)'],
  ['8080/tcp', 'http-proxy Apache Tomcat 9.0.71'],
];

export function nmap(rng: Rng, estate: Estate): string {
  const lines = [
    `Starting Nmap 7.94 ( https://nmap.org ) at 2026-03-0${rng.range(1, 9)} 10:${rng.range(10, 59)} UTC`,
  ];
  const hosts = rng.range(1, 6);
  for (let h = 0; h < hosts; h++) {
    const host = rng.pick(estate.hosts);
    lines.push(`Nmap scan report for ${host} (10.${rng.int(40)}.${rng.int(256)}.${rng.range(1, 254)})`);
    lines.push(`Host is up (0.00${rng.range(10, 99)}s latency).`);
    lines.push(`Not shown: ${rng.range(980, 995)} closed tcp ports (reset)`);
    lines.push('PORT     STATE SERVICE VERSION');
    for (const [port, service] of PORTS)
      if (rng.chance(0.45)) lines.push(`${port.padEnd(8)} open  ${service}`);
    lines.push('');
  }
  lines.push(
    `Nmap done: ${hosts * 256} IP addresses (${hosts} hosts up) scanned in ${rng.range(20, 900)}.${rng.range(10, 99)} seconds`,
  );
  return lines.join('\n');
}

export function kerberoast(rng: Rng, estate: Estate): string {
  const user = rng.pick(estate.users).replace(/^CORP\\/, '');
  const spn = `MSSQLSvc/${rng.pick(estate.hosts)}.corp.example.com:1433`;
  return [
    `[*] SPN: ${spn}`,
    `[*] User: ${user}`,
    `$krb5tgs$23$*${user}$CORP.EXAMPLE.COM$${spn}*$${rng.hex(32)}$${rng.hex(rng.range(900, 2200))}`,
  ].join('\n');
}

const COMMANDS = [
  (rng: Rng, e: Estate) =>
    `PS C:\\Users\\${rng.pick(e.users).replace(/^CORP\\/, '')}> whoami /groups\n\nGROUP INFORMATION\n-----------------\n` +
    'Everyone                        Well-known group S-1-1-0\nBUILTIN\\Users                   Alias            S-1-5-32-545\n' +
    `CORP\\Domain Users               Group            S-1-5-21-${rng.range(1e8, 9e8)}-513`,
  (rng: Rng, e: Estate) =>
    `C:\\> net group "Domain Admins" /domain\nGroup name     Domain Admins\nComment        Designated administrators of the domain\n\nMembers\n\n` +
    `-------------------------------------------------------------------------------\n${Array.from(
      { length: rng.range(2, 9) },
      () =>
        rng
          .pick(e.users)
          .replace(/^CORP\\/, '')
          .padEnd(25),
    ).join('')}\nThe command completed successfully.`,
  (rng: Rng, e: Estate) =>
    `$ ssh ${rng.pick(e.users).replace(/^CORP\\/, '')}@${rng.pick(e.hosts)} 'uname -a; id'\nLinux ${rng.pick(e.hosts)} 5.15.0-${rng.range(50, 120)}-generic #${rng.range(50, 130)}-Ubuntu SMP x86_64 GNU/Linux\nuid=${rng.range(1000, 1200)} gid=${rng.range(1000, 1200)} groups=27(sudo)`,
  (rng: Rng, e: Estate) =>
    `beacon> powershell Get-ADComputer -Filter * -Properties OperatingSystem | select Name,OperatingSystem\n[*] Tasked beacon to run: Get-ADComputer\n[+] host called home, sent: ${rng.range(200, 900)} bytes\n` +
    Array.from(
      { length: rng.range(3, 15) },
      () => `${rng.pick(e.hosts).padEnd(30)} Windows Server 2019 Standard`,
    ).join('\n'),
  (rng: Rng, e: Estate) =>
    `beacon> shell ipconfig /all\nWindows IP Configuration\n   Host Name . . . . . . . . . . . . : ${rng.pick(e.hosts)}\n   Primary Dns Suffix  . . . . . . . : corp.example.com\n` +
    `   IPv4 Address. . . . . . . . . . . : 10.${rng.int(40)}.${rng.int(256)}.${rng.range(1, 254)}(Preferred)\n   Default Gateway . . . . . . . . . : 10.${rng.int(40)}.0.1`,
  (rng: Rng) =>
    `$ curl -sk https://intranet.corp.example.com/api/v2/users?page=${rng.range(1, 40)} | jq length\n${rng.range(10, 500)}`,
  (rng: Rng, e: Estate) =>
    `mimikatz # sekurlsa::logonpasswords\nAuthentication Id : 0 ; ${rng.range(100000, 999999)}\nUser Name         : ${rng.pick(e.users).replace(/^CORP\\/, '')}\nDomain            : CORP\n\t msv :\n\t [00000003] Primary\n\t * NTLM     : ${rng.hex(32)}\n\t * SHA1     : ${rng.hex(40)}`,
];

function listing(rng: Rng, e: Estate): string {
  const user = rng.pick(e.users).replace(/^CORP\\/, '');
  const lines = [` Directory of C:\\Users\\${user}\\Documents`, ''];
  const count = rng.range(5, 40);
  for (let i = 0; i < count; i++) {
    const name = `${rng.pick(['Q3', 'budget', 'passwords', 'notes', 'vpn-config', 'draft', 'scan'])}_${rng.int(1000)}.${rng.pick(['docx', 'xlsx', 'txt', 'pdf', 'kdbx', 'ps1'])}`;
    lines.push(
      `0${rng.range(1, 9)}/${rng.range(10, 28)}/2026  ${rng.range(10, 12)}:${rng.range(10, 59)}    ${String(rng.range(1, 9_999_999)).padStart(12)} ${name}`,
    );
  }
  lines.push(`              ${count} File(s)  ${rng.range(1e5, 1e8)} bytes`);
  return lines.join('\n');
}

function large(rng: Rng, e: Estate): string {
  // A long tool dump (e.g. a full process list or an ldapsearch) of 20–120 kB.
  const target = rng.range(20_000, 120_000);
  const parts: string[] = [];
  let size = 0;
  while (size < target) {
    const line = `${rng.pick(e.processes) || 'System'}\t${rng.range(4, 65000)}\t${rng.pick(e.users)}\t${rng.hex(16)}`;
    parts.push(line);
    size += line.length + 1;
  }
  return parts.join('\n');
}

export function evidence(rng: Rng, estate: Estate, kind: EvidenceKind, host: string): string {
  switch (kind) {
    case 'none':
      return '';
    case 'command':
      return rng.pick(COMMANDS)(rng, estate);
    case 'listing':
      return listing(rng, estate);
    case 'secretsdump':
      return secretsdump(rng, estate, host);
    case 'nmap':
      return nmap(rng, estate);
    case 'kerberoast':
      return kerberoast(rng, estate);
    case 'large':
      return large(rng, estate);
  }
}
