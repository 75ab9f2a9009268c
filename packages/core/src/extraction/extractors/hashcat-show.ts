import type { CredentialFinding } from '../credential-finding.ts';
import { meterScan } from '../engine.ts';
import { finding } from '../finding.ts';
import { type CatalogueExtractor, definePattern } from '../pattern.ts';
import { isDcc1Line } from './cached-logons.ts';
import { parseKerberosHash } from './kerberos-hash.ts';
import { netNtlmV1Pattern, netNtlmV2Pattern } from './netntlm.ts';

/**
 * `hashcat --show` (and potfile) pairs: `hash:plain`, or `user:hash:plain` with `--username`, for NTLM,
 * DCC2, NetNTLM and Kerberos hashes. The plaintext is whatever follows the hash, colons included.
 */
export const hashcatNtlmPattern = definePattern({
  name: 'hashcat-show-ntlm',
  description: 'hashcat --show NTLM pairs `[user:]nthash:plain`',
  source: String.raw`^(?:(?<user>[^:\s]+):)?(?<hash>[0-9a-fA-F]{32}):(?<plain>[^\n]*)$`,
  secretGroups: ['hash', 'plain'],
  hashcatMode: 1000,
});

export const hashcatDcc2Pattern = definePattern({
  name: 'hashcat-show-dcc2',
  description: 'hashcat --show DCC2 pairs `$DCC2$10240#user#hash:plain`',
  source: String.raw`^(?<hash>\$DCC2\$\d{1,7}#(?<user>[^#\s]+)#[0-9a-fA-F]{32}):(?<plain>[^\n]*)$`,
  secretGroups: ['hash', 'plain'],
  hashcatMode: 2100,
});

const HEX32_COLON = 33;

function isHex(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 102) || (code >= 65 && code <= 70);
}

/** True when the line at `start` may be a hashcat pair: a hash-looking start, checked without a regex. */
function looksLikePair(text: string, start: number): boolean {
  const c = text.charCodeAt(start);
  if (c === 36 /* $ */) return text.startsWith('$krb5', start) || text.startsWith('$DCC2$', start);
  if (text.charCodeAt(start + 32) === 58 /* : */) {
    for (let i = start; i < start + 32; i++) if (!isHex(text.charCodeAt(i))) return false;
    return true;
  }
  // `user:hash:plain` (--username) and `user::domain:…:plain` (NetNTLM).
  const colon = text.indexOf(':', start);
  if (colon === -1 || colon - start > 64) return false;
  if (text.charCodeAt(colon + 1) === 58) return true;
  return text.charCodeAt(colon + 1 + 32) === 58 && isHex(text.charCodeAt(colon + 1));
}

function* pairLines(text: string): Generator<string> {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if (end - start >= HEX32_COLON && looksLikePair(text, start)) yield text.slice(start, end);
    start = end + 1;
  }
  meterScan(text.length);
}

function kerberosPair(line: string): CredentialFinding | null {
  // The hash may hold a colon itself (AS-REP); try the first few splits.
  let colon = line.indexOf(':');
  for (let tries = 0; colon !== -1 && tries < 3; tries++) {
    const parsed = parseKerberosHash(line.slice(0, colon));
    if (parsed) {
      return finding({
        system: parsed.realm,
        account: parsed.user,
        hash: parsed.hash,
        hashType: parsed.hashType,
        secret: line.slice(colon + 1),
        purpose: 'Windows Login',
        source: 'hashcat --show',
      });
    }
    colon = line.indexOf(':', colon + 1);
  }
  return null;
}

function pair(line: string): CredentialFinding | null {
  if (line.startsWith('$krb5')) return kerberosPair(line);
  const base = { purpose: 'Windows Login', source: 'hashcat --show' };
  const dcc2 = hashcatDcc2Pattern.re.exec(line);
  if (dcc2)
    return finding({
      ...base,
      account: dcc2.user as string,
      hash: dcc2.hash as string,
      hashType: 2100,
      secret: dcc2.plain as string,
    });
  const nt = hashcatNtlmPattern.re.exec(line);
  // `user:lm:nt:::` is a pwdump line and `DOMAIN/user:hash:user: (time)` a DCC1 one, not cracked pairs.
  if (nt && !(nt.plain as string).endsWith(':::') && !isDcc1Line(line)) {
    return finding({
      ...base,
      account: nt.user ?? '',
      hash: (nt.hash as string).toLowerCase(),
      hashType: 1000,
      secret: nt.plain as string,
    });
  }
  // NetNTLM: `user::domain:a:b:c:plain`, the hash being the first six colon-separated fields.
  const parts = line.split(':');
  if (parts.length >= 7 && parts[1] === '') {
    const hash = parts.slice(0, 6).join(':');
    for (const [pattern, hashType] of [
      [netNtlmV2Pattern, 5600],
      [netNtlmV1Pattern, 5500],
    ] as const) {
      if (!pattern.re.test(hash)) continue;
      const secret = parts.slice(6).join(':');
      return finding({
        ...base,
        system: parts[2] as string,
        account: parts[0] as string,
        hash,
        hashType,
        secret,
      });
    }
  }
  return null;
}

export const hashcatShowExtractor: CatalogueExtractor = {
  name: 'hashcat-show',
  markers: [],
  patterns: [hashcatNtlmPattern, hashcatDcc2Pattern],
  mayMatch(text) {
    for (const _ of pairLines(text)) return true;
    return false;
  },
  extract(text) {
    const out: CredentialFinding[] = [];
    for (const line of pairLines(text)) {
      const f = pair(line);
      if (f && f.secret !== '') out.push(f);
    }
    return out;
  },
};
