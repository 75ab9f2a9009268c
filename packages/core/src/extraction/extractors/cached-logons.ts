import type { CredentialFinding } from '../credential-finding.ts';
import { meterScan } from '../engine.ts';
import { finding } from '../finding.ts';
import { HashMode } from '../hash-modes.ts';
import { type CatalogueExtractor, definePattern } from '../pattern.ts';
import { isHexRun, linesWith, withPrecedingLines } from '../text.ts';
import { ACCOUNT, DOMAIN } from './lm-nt.ts';

const PURPOSE = 'Windows Login';

/**
 * secretsdump's pre-Vista cached logon line, `DOMAIN/user:hash:user: (last write)`: the hash is DCC1
 * (mscache v1, hashcat mode 1100, salted with the lower-case user name).
 */
export const dcc1Pattern = definePattern({
  name: 'dcc1',
  description: 'Domain cached credentials v1 (`DOMAIN/user:hash:user: (time)`, secretsdump pre-Vista)',
  source: String.raw`^[ \t]*(?<domain>${DOMAIN})/(?<account>${ACCOUNT}):(?<hash>[0-9a-fA-F]{32}):(?<salt>[^:\s]{1,256}): \(`,
  secretGroups: ['hash'],
  hashcatMode: HashMode.dcc1,
});

/** hashcat's DCC1 input, `hash:salt`, the salt being the user name in lower case. */
export function dcc1Hash(hex: string, account: string): string {
  return `${hex.toLowerCase()}:${account.toLowerCase()}`;
}

/** The fields of a secretsdump DCC1 line, or null; a cheap shape check (`:<32 hex>:<user>: (`) first. */
function dcc1Line(line: string) {
  const end = line.indexOf(': (');
  if (end === -1) return null;
  const salt = line.lastIndexOf(':', end - 1);
  if (salt < 33 || line[salt - 33] !== ':' || !isHexRun(line, salt - 32, salt)) return null;
  return dcc1Pattern.re.exec(line.slice(0, end + 3));
}

/** True for a secretsdump DCC1 line (which the `user:hash:plain` pair of hashcat --show resembles). */
export const isDcc1Line = (line: string): boolean => dcc1Line(line) !== null;

export const dcc1Extractor: CatalogueExtractor = {
  name: 'dcc1',
  markers: [': ('],
  patterns: [dcc1Pattern],
  mayMatch: (text) => text.includes(': ('),
  extract(text) {
    const out: CredentialFinding[] = [];
    for (const line of linesWith(text, ': (', 1024)) {
      const m = dcc1Line(line.text);
      if (!m) continue;
      out.push(
        finding({
          system: m.domain as string,
          account: m.account as string,
          hash: dcc1Hash(m.hash as string, m.salt as string),
          hashType: HashMode.dcc1,
          purpose: PURPOSE,
          source: 'Impacket secretsdump.py (cached logon)',
        }),
      );
    }
    return out;
  },
};

/** mimikatz `lsadump::cache`: `MsCacheV1 : hex` / `MsCacheV2 : hex` after the entry's `User : DOMAIN\user`. */
export const mscachePattern = definePattern({
  name: 'mimikatz-mscache',
  description: 'mimikatz lsadump::cache `MsCacheV1 : hex` / `MsCacheV2 : hex`',
  source: String.raw`^[ \t]*MsCacheV(?<version>[12])[ \t]*: (?<hash>[0-9a-fA-F]{32})[ \t]*$`,
  secretGroups: ['hash'],
});

const cacheUser = definePattern({
  name: 'mimikatz-cache-user',
  description: 'mimikatz lsadump::cache `User      : DOMAIN\\user` (no secret)',
  source: String.raw`^[ \t]*User[ \t]*: (?:(?<domain>${DOMAIN})\\)?(?<account>${ACCOUNT})[ \t]*$`,
  flags: { multiline: true },
  secretGroups: [],
});

const DEFAULT_ITERATIONS = 10240;

/**
 * The PBKDF2 rounds mimikatz announces in `text[from, to)` (`* Iteration is 10240`, `* Iteration is
 * set to default (10240)`), or `current` when it announces none there.
 */
function iterationsIn(text: string, from: number, to: number, current: number): number {
  meterScan(to - from);
  const at = text.slice(from, to).lastIndexOf('* Iteration is ');
  if (at === -1) return current;
  const i = from + at;
  let n = '';
  for (const c of text.slice(i + 15, i + 48)) {
    if (c >= '0' && c <= '9') n += c;
    else if (n) break;
  }
  return n && n.length <= 7 ? Number(n) : current;
}

export const mimikatzCacheExtractor: CatalogueExtractor = {
  name: 'mimikatz-cache',
  markers: ['MsCacheV'],
  patterns: [mscachePattern, cacheUser],
  mayMatch: (text) => text.includes('MsCacheV'),
  extract(text) {
    const out: CredentialFinding[] = [];
    let floor = 0;
    let rounds = DEFAULT_ITERATIONS;
    for (const line of linesWith(text, 'MsCacheV', 256)) {
      const m = mscachePattern.re.exec(line.text);
      if (!m) continue;
      // The entry's header lines (`[NL$1 - …]`, `RID`, `User`) sit just above; never read into the
      // previous entry.
      const head = withPrecedingLines(text, line, 4, floor);
      rounds = iterationsIn(text, floor, line.start, rounds);
      floor = line.end;
      const users = cacheUser.re.all(head);
      const user = users[users.length - 1];
      if (!user) continue;
      const account = user.account as string;
      const hex = (m.hash as string).toLowerCase();
      const base = {
        system: user.domain ?? '',
        account,
        purpose: PURPOSE,
        source: 'Mimikatz lsadump::cache',
      };
      if (m.version === '1') {
        out.push(finding({ ...base, hash: dcc1Hash(hex, account), hashType: HashMode.dcc1 }));
        continue;
      }
      out.push(finding({ ...base, hash: `$DCC2$${rounds}#${account}#${hex}`, hashType: HashMode.dcc2 }));
    }
    return out;
  },
};
