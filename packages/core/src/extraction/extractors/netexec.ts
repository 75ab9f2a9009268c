import type { CredentialFinding } from '../credential-finding.ts';
import { finding } from '../finding.ts';
import { type CatalogueExtractor, definePattern } from '../pattern.ts';
import { linesWithAny } from '../text.ts';
import { aesKeyFinding, secretsdumpKeyPattern } from './kerberos-keys.ts';
import { ACCOUNT, DOMAIN, HEX32, lmNtFindings, pwdumpFields } from './lm-nt.ts';
import { isPwdumpLine } from './secretsdump.ts';

/** NetExec / CrackMapExec prefix every line with protocol, address, port and host name. */
export const netexecLinePattern = definePattern({
  name: 'netexec-line',
  description: 'NetExec / CrackMapExec line prefix `PROTO  address  port  HOST  …` (no secret)',
  source: String.raw`^(?<proto>SMB|LDAPS?|WINRM|MSSQL|SSH|RDP|WMI|FTP|VNC|NFS)[ \t]{2,}(?<address>[0-9A-Fa-f.:]{3,})[ \t]+(?<port>\d{1,5})[ \t]+(?<host>[^\s]+)[ \t]+(?<rest>[^\n]*)$`,
  secretGroups: [],
});

export const netexecSuccessPattern = definePattern({
  name: 'netexec-success',
  description: 'NetExec spray / login success `[+] DOMAIN\\user:password (Pwn3d!)`',
  source: String.raw`^\[\+\] (?:(?<domain>${DOMAIN})\\)?(?<user>[^\\:\s]+):(?<secret>[^\n]*?)(?: \((?<tag>Pwn3d!|Guest|admin)\))?[ \t]*$`,
  secretGroups: ['secret'],
});

export const netexecPwdumpPattern = definePattern({
  name: 'netexec-pwdump',
  description: 'NetExec `--sam` / `--ntds` `[DOMAIN\\]user:rid:lm:nt:::`',
  source: String.raw`^(?:(?<domain>${DOMAIN})\\)?(?<user>${ACCOUNT}):(?<rid>\d{1,10}):(?<lm>${HEX32}):(?<nt>${HEX32}):::`,
  secretGroups: ['lm', 'nt'],
  hashcatMode: 1000,
});

export const netexecLsaPattern = definePattern({
  name: 'netexec-lsa',
  description: 'NetExec `--lsa` service account secrets `DOMAIN\\user:password`',
  source: String.raw`^(?<domain>${DOMAIN})\\(?<user>[^\\:\s]+):(?<secret>[^\n]+)$`,
  secretGroups: ['secret'],
});

const MARKERS = [
  'SMB  ',
  'LDAP  ',
  'LDAPS  ',
  'WINRM  ',
  'MSSQL  ',
  'SSH  ',
  'RDP  ',
  'WMI  ',
  'FTP  ',
  'VNC  ',
  'NFS  ',
];
const HEX32_ONLY = /^[0-9a-fA-F]{32}$/;
const NOT_LSA_PLAINTEXT =
  /^(?:aes(?:128|256)-cts|des-cbc|rc4_hmac|plain_password_hex|\d{1,10}:[0-9a-fA-F]{32}:|[0-9a-fA-F]{32}:)/i;

/** `[+] [DOMAIN\\]user:secret[ (tag)]`, already accepted by `netexecSuccessPattern`, read by splits. */
function successFields(rest: string): { domain: string; user: string; secret: string; tag: string } {
  const body = rest.slice(4).trimEnd();
  const colon = body.indexOf(':');
  const principal = body.slice(0, colon);
  let secret = body.slice(colon + 1);
  let tag = '';
  for (const t of ['Pwn3d!', 'Guest', 'admin']) {
    if (secret.endsWith(` (${t})`)) {
      tag = t;
      secret = secret.slice(0, -(t.length + 3));
      break;
    }
  }
  const slash = principal.indexOf('\\');
  return {
    domain: slash > 0 ? principal.slice(0, slash) : '',
    user: slash > 0 ? principal.slice(slash + 1) : principal,
    secret: secret.trimEnd(),
    tag,
  };
}

/** The four leading columns and the rest of a line the line pattern accepted. */
function columns(line: string): { proto: string; host: string; rest: string } | null {
  const cols: string[] = [];
  let i = 0;
  for (let n = 0; n < 4; n++) {
    const start = i;
    while (i < line.length && line[i] !== ' ' && line[i] !== '\t') i++;
    cols.push(line.slice(start, i));
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  }
  if (cols.length < 4) return null;
  return { proto: cols[0] as string, host: cols[3] as string, rest: line.slice(i) };
}

function fromRest(rest: string, host: string, proto: string): CredentialFinding[] {
  const source = `NetExec ${proto}`;
  if (rest.includes(':::') && isPwdumpLine(rest)) {
    const dump = pwdumpFields(rest);
    if (!dump) return [];
    // SAM accounts are the host's own; NTDS accounts carry their domain.
    return lmNtFindings(
      { system: dump.domain || host, account: dump.account, purpose: 'Windows Login', source },
      dump.lm,
      dump.nt,
    );
  }
  if (!rest.includes(':')) return [];
  const ok = rest.startsWith('[+] ') && netexecSuccessPattern.re.test(rest) ? successFields(rest) : null;
  if (ok) {
    if (ok.tag === 'Guest') return [];
    const system = ok.domain || host;
    const secret = ok.secret;
    const account = ok.user;
    const purpose = `${proto === 'SSH' || proto === 'FTP' ? proto : 'Windows'} Login`;
    if (HEX32_ONLY.test(secret))
      return [finding({ system, account, hash: secret.toLowerCase(), hashType: 1000, purpose, source })];
    const pair = /^([0-9a-fA-F]{32}):([0-9a-fA-F]{32})$/.exec(secret);
    if (pair) return lmNtFindings({ system, account, purpose, source }, pair[1] as string, pair[2] as string);
    return [finding({ system, account, secret, purpose, source })];
  }
  const key = rest.includes('-cts-hmac-sha1-96:') ? secretsdumpKeyPattern.re.exec(rest) : null;
  if (key) {
    const principal = key.principal as string;
    const slash = principal.indexOf('\\');
    const f = aesKeyFinding(
      slash > 0 ? principal.slice(0, slash) : host,
      principal.slice(slash + 1),
      key.type as string,
      key.key as string,
      source,
    );
    return f ? [f] : [];
  }
  const lsa = rest.includes('\\') ? netexecLsaPattern.re.exec(rest) : null;
  if (lsa && !NOT_LSA_PLAINTEXT.test(lsa.secret as string)) {
    return [
      finding({
        system: lsa.domain as string,
        account: lsa.user as string,
        secret: (lsa.secret as string).trimEnd(),
        purpose: 'Service Account',
        source,
      }),
    ];
  }
  return [];
}

export const netexecExtractor: CatalogueExtractor = {
  name: 'netexec',
  markers: MARKERS,
  patterns: [
    netexecLinePattern,
    netexecSuccessPattern,
    netexecPwdumpPattern,
    netexecLsaPattern,
    secretsdumpKeyPattern,
  ],
  mayMatch: (text) => MARKERS.some((m) => text.includes(m)),
  extract(text) {
    const out: CredentialFinding[] = [];
    for (const line of linesWithAny(text, MARKERS)) {
      if (!line.text.includes(':')) continue;
      if (!netexecLinePattern.re.test(line.text)) continue;
      const c = columns(line.text);
      if (c) out.push(...fromRest(c.rest, c.host, c.proto));
    }
    return out;
  },
};
