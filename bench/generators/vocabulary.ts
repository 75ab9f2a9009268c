import type { Rng } from './random.ts';

/** Realistic names for a corporate Windows/Linux estate, built once per dataset from its seed. */
export interface Estate {
  domain: string;
  hosts: string[];
  users: string[];
  processes: string[];
  /** The red team's own machines (sources of most early activity). */
  attackerHosts: string[];
}

const SITES = ['LON', 'MAN', 'NYC', 'FRA', 'SIN', 'AMS'];
const ROLES = ['WS', 'LT', 'SRV', 'SQL', 'WEB', 'FS', 'DC', 'EXCH', 'CTX', 'JMP'];
const FIRST = [
  'james',
  'mary',
  'john',
  'patricia',
  'robert',
  'jennifer',
  'michael',
  'linda',
  'david',
  'elizabeth',
  'william',
  'barbara',
  'richard',
  'susan',
  'joseph',
  'jessica',
  'thomas',
  'sarah',
  'chris',
  'karen',
  'amir',
  'chloé',
  'søren',
  'yuki',
  'wei',
  'olga',
  'mateo',
  'fatima',
  'raj',
  'ana',
];
const LAST = [
  'smith',
  'jones',
  'taylor',
  'brown',
  'williams',
  'wilson',
  'johnson',
  'davies',
  'patel',
  'wright',
  'nguyen',
  'müller',
  'rossi',
  'kowalski',
  'tanaka',
  'garcia',
  'okafor',
  'larsen',
  'silva',
  'khan',
];
const SERVICE_ACCOUNTS = [
  'svc_backup',
  'svc_sql',
  'svc_web',
  'svc_scan',
  'svc_sccm',
  'krbtgt',
  'Administrator',
];
const PROCESS_NAMES = [
  'powershell.exe',
  'cmd.exe',
  'rundll32.exe',
  'explorer.exe',
  'svchost.exe',
  'beacon.exe',
  'msedge.exe',
  'winword.exe',
  'outlook.exe',
  'lsass.exe',
  'wmiprvse.exe',
  'bash',
  'python3',
  'sshd',
  'nginx',
  'java',
];

export function buildEstate(rng: Rng, hostCount = 300, userCount = 250): Estate {
  const domain = 'CORP';
  const hosts = new Set<string>();
  while (hosts.size < hostCount) {
    const kind = rng.int(10);
    if (kind < 6) {
      hosts.add(`${rng.pick(SITES)}-${rng.pick(ROLES)}-${String(rng.int(10000)).padStart(4, '0')}`);
    } else if (kind < 8) {
      hosts.add(`10.${rng.int(40)}.${rng.int(256)}.${rng.range(1, 254)}`);
    } else {
      hosts.add(
        `${rng.pick(['app', 'api', 'vpn', 'mail', 'git', 'ci'])}${rng.range(1, 30)}.corp.example.com`,
      );
    }
  }
  const users = new Set<string>(SERVICE_ACCOUNTS.map((u) => `${domain}\\${u}`));
  users.add('root');
  users.add('www-data');
  while (users.size < userCount) {
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    users.add(rng.chance(0.8) ? `${domain}\\${first}.${last}` : `${first[0]}${last}${rng.int(100)}`);
  }
  const processes = [''];
  for (const name of PROCESS_NAMES) processes.push(name);
  for (let i = 0; i < 40; i++) processes.push(`${rng.pick(PROCESS_NAMES)} (PID: ${rng.range(300, 65000)})`);
  const attackerHosts = ['kali-01', 'kali-02', 'c2-redirector.example.net', '198.51.100.23', '203.0.113.77'];
  return { domain, hosts: [...hosts], users: [...users], processes, attackerHosts };
}

export const TAGS = [
  'phishing',
  'initial-access',
  'lateral-movement',
  'persistence',
  'privesc',
  'credential-access',
  'c2',
  'exfil',
  'objective-1',
  'objective-2',
  'objective-3',
  'noisy',
  'quiet',
  'opsec-risk',
  'cleanup-needed',
  'ad',
  'azure',
  'aws',
  'linux',
  'web',
  'sql',
  'vpn',
  'kerberos',
  'ntlm-relay',
  'bloodhound',
  'edr-bypass',
  'day-1',
  'day-2',
  'follow-up',
  'client-notified',
];

export const TOOLS = [
  'powershell',
  'cmd',
  'net',
  'nltest',
  'whoami',
  'mimikatz',
  'rubeus',
  'sharphound',
  'certipy',
  'impacket',
  'secretsdump',
  'crackmapexec',
  'nmap',
  'responder',
  'bloodhound',
  'psexec',
  'wmiexec',
  'evil-winrm',
  'sqlcmd',
  'curl',
  'ssh',
  'scp',
  'rclone',
  'adfind',
];
