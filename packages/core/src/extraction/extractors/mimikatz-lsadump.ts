import type { CredentialFinding } from '../credential-finding.ts';
import { finding } from '../finding.ts';
import { type CatalogueExtractor, definePattern } from '../pattern.ts';
import { blocksFrom, splitLines } from '../text.ts';
import { aesKeyFinding } from './kerberos-keys.ts';

/** `Hash NTLM: hex`, `ntlm- 1: hex`, `NTLM : hex` and Kerberos key lines of lsadump::dcsync / sam / lsa. */
export const lsadumpHashPattern = definePattern({
  name: 'mimikatz-lsadump-hash',
  description: 'mimikatz lsadump `Hash NTLM: hex`, `ntlm- N: hex`, `NTLM : hex`',
  source: String.raw`^[ \t]*(?<key>Hash NTLM|NTLM|ntlm- ?(?<n>\d{1,3}))[ \t]*: (?<hash>[0-9a-fA-F]{32})[ \t]*$`,
  secretGroups: ['hash'],
  hashcatMode: 1000,
});

export const lsadumpKeyPattern = definePattern({
  name: 'mimikatz-kerberos-key',
  description: 'mimikatz `aes256_hmac (4096) : hex` Kerberos keys (dcsync, ekeys)',
  source: String.raw`^[ \t]*(?<type>aes256_hmac|aes128_hmac|des_cbc_md5)[ \t]+(?:\(\d{1,7}\)[ \t]*)?:?[ \t]*(?<key>[0-9a-fA-F]{16,64})[ \t]*$`,
  secretGroups: ['key'],
});

const userLine = definePattern({
  name: 'mimikatz-lsadump-user',
  description: 'mimikatz `SAM Username : x` / `User : x` / `Domain : x` (no secret)',
  source: String.raw`^[ \t]*(?<key>SAM Username|User|Domain)[ \t]*: (?<value>[^\s]+)`,
  secretGroups: [],
});

const dcsyncDomain = definePattern({
  name: 'mimikatz-dcsync-domain',
  description: "mimikatz `[DC] 'corp.local' will be the domain` (no secret)",
  source: String.raw`\[DC\] '(?<domain>[^'\n]+)' will be the domain`,
  secretGroups: [],
});

/** One account block: NT hash with its history, Kerberos AES keys of the current credentials. */
function accountFindings(lines: string[], system: string, source: string): CredentialFinding[] {
  let account = '';
  let nt = '';
  const history: string[] = [];
  const keys: CredentialFinding[] = [];
  let inOldCredentials = false;
  for (const line of lines) {
    // Cheap string checks first: most lines of a block hold none of these.
    if (!line.includes(':') && !line.includes('Credentials')) continue;
    const u = line.includes('User') ? userLine.re.exec(line) : null;
    if (u && u.key !== 'Domain') account = u.value as string;
    if (/^\s*OldCredentials/.test(line)) inOldCredentials = true;
    else if (/^\s*Credentials\s*$/.test(line)) inOldCredentials = false;
    const h = line.includes('NTLM') || line.includes('ntlm-') ? lsadumpHashPattern.re.exec(line) : null;
    if (h) {
      const hex = (h.hash as string).toLowerCase();
      if (h.n === undefined) nt ||= hex;
      else if (h.n !== '0') history.push(hex);
      continue;
    }
    const k = line.includes('_hmac') || line.includes('des_cbc') ? lsadumpKeyPattern.re.exec(line) : null;
    if (k && !inOldCredentials && account) {
      const f = aesKeyFinding(system, account, k.type as string, k.key as string, source);
      if (f) keys.push(f);
    }
  }
  if (!account) return [];
  const out: CredentialFinding[] = [];
  if (nt)
    out.push(
      finding({ system, account, hash: nt, hashType: 1000, purpose: 'Windows Login', source, history }),
    );
  return [...out, ...keys.filter((k) => k.account === account)];
}

export const mimikatzDcsyncExtractor: CatalogueExtractor = {
  name: 'mimikatz-dcsync',
  markers: ['SAM Username'],
  patterns: [lsadumpHashPattern, lsadumpKeyPattern, userLine, dcsyncDomain],
  mayMatch: (text) => text.includes('SAM Username'),
  extract(text) {
    const out: CredentialFinding[] = [];
    const first = text.indexOf('[DC] ');
    const d0 = first === -1 ? null : dcsyncDomain.re.exec(text.slice(first, first + 512));
    let domain = d0 ? (d0.domain as string) : '';
    for (const block of blocksFrom(text, 'SAM Username', 128 * 1024)) {
      out.push(...accountFindings(splitLines(block), domain, 'Mimikatz lsadump::dcsync'));
      // The `[DC] 'x' will be the domain` line of a next run sits at the end of this block.
      const d = block.includes('[DC] ') ? dcsyncDomain.re.all(block).pop() : undefined;
      if (d) domain = d.domain as string;
    }
    return out;
  },
};

/** lsadump::sam (`Domain : HOST`, `RID : …`, `User : x`, `Hash NTLM: hex`) and lsadump::lsa /patch. */
export const mimikatzSamExtractor: CatalogueExtractor = {
  name: 'mimikatz-sam',
  markers: ['RID  :'],
  patterns: [lsadumpHashPattern, userLine],
  mayMatch: (text) => text.includes('RID  :') && text.includes('User : '),
  extract(text) {
    const out: CredentialFinding[] = [];
    let system = '';
    const first = text.indexOf('Domain : ');
    if (first !== -1) {
      const d = userLine.re.exec(text.slice(first, first + 300));
      if (d) system = d.value as string;
    }
    for (const block of blocksFrom(text, 'RID  :', 16 * 1024, '\n\n')) {
      out.push(...accountFindings(splitLines(block), system, 'Mimikatz lsadump::sam'));
    }
    return out;
  },
};
