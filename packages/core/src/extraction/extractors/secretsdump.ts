import type { CredentialFinding } from '../credential-finding.ts';
import { finding } from '../finding.ts';
import { type CatalogueExtractor, definePattern } from '../pattern.ts';
import { isHexRun, linesWith, splitPrincipal } from '../text.ts';
import { ACCOUNT, DOMAIN, HEX32, lmNtFindings, pwdumpFields, stripBracketPrefixes } from './lm-nt.ts';

const SOURCE = 'Impacket secretsdump.py';
const PURPOSE = 'Windows Login';

/** `[prefix] DOMAIN\user:rid:lm:nt:::` (secretsdump SAM / NTDS / DCSync, pwdump lines); either hex case. */
export const pwdumpLine = definePattern({
  name: 'secretsdump-line',
  description: 'secretsdump / pwdump `[DOMAIN\\]user[:rid]:lm:nt:::` lines (SAM, NTDS, DCSync)',
  source: String.raw`^[ \t]*(?:\[[^\]\n]*\] ?)*(?:(?<domain>${DOMAIN})\\)?(?<account>${ACCOUNT})(?::(?<rid>\d{1,10}))?:(?<lm>${HEX32}):(?<nt>${HEX32}):::`,
  secretGroups: ['lm', 'nt'],
  hashcatMode: 1000,
});

const HISTORY = /^(.+)_history(\d{1,3})$/;

/** The variable-shaped head of a pwdump line (prefixes, domain, account, RID), checked by RE2. */
export const pwdumpHeadPattern = definePattern({
  name: 'secretsdump-head',
  description: 'secretsdump / pwdump line head `[prefix] [DOMAIN\\]user[:rid]:` (no secret)',
  source: String.raw`^[ \t]*(?:\[[^\]\n]*\] ?)*(?:${DOMAIN}\\)?${ACCOUNT}(?::\d{1,10})?:$`,
  secretGroups: [],
});

/**
 * A pwdump line: RE2 checks the head, a hex loop the `lm:nt` pair before `:::` (the catalogue's
 * `pwdumpLine` is the same record as one pattern, used by the redaction test).
 */
export function isPwdumpLine(line: string): boolean {
  const end = line.indexOf(':::');
  if (end < 66 || line[end - 33] !== ':') return false;
  if (!isHexRun(line, end - 65, end - 33) || !isHexRun(line, end - 32, end)) return false;
  return pwdumpHeadPattern.re.test(line.slice(0, end - 65));
}

export const secretsdumpExtractor: CatalogueExtractor = {
  name: 'secretsdump',
  markers: [':::'],
  patterns: [pwdumpLine, pwdumpHeadPattern],
  mayMatch: (text) => text.includes(':::'),
  extract(text) {
    const out: CredentialFinding[] = [];
    const current = new Map<string, CredentialFinding>();
    for (const line of linesWith(text, ':::', 1024)) {
      if (!isPwdumpLine(line.text)) continue;
      const m = pwdumpFields(stripBracketPrefixes(line.text));
      if (!m) continue;
      let { domain: system, account } = m;
      if (!system && account.includes('@')) ({ system, account } = splitPrincipal(account));
      account = account.trim();
      if (!account) continue;
      const history = account.includes('_history') ? HISTORY.exec(account) : null;
      if (history) {
        // `bob_history0` is an older hash of bob: kept with bob's current one when it was dumped too.
        const main = current.get(`${system.toLowerCase()}\\${(history[1] as string).toLowerCase()}`);
        const nt = m.nt.toLowerCase();
        if (main) {
          main.history = [...(main.history ?? []), nt];
          continue;
        }
      }
      const rows = lmNtFindings(
        { system, account, purpose: PURPOSE, source: SOURCE },
        m.lm ?? '',
        m.nt ?? '',
      );
      const nt = rows.find((r) => r.hashType === 1000);
      if (nt) current.set(`${system.toLowerCase()}\\${account.toLowerCase()}`, nt);
      out.push(...rows);
    }
    return out;
  },
};

/** `DOMAIN/user:$DCC2$10240#user#hash` (secretsdump cached domain logons). */
export const dcc2Pattern = definePattern({
  name: 'dcc2',
  description: 'Domain cached credentials v2 (`DOMAIN/user:$DCC2$10240#user#hash`)',
  source: String.raw`(?:(?<domain>${DOMAIN})/[^:\s]+:)?(?<hash>\$DCC2\$\d{1,7}#(?<account>[^#\s]+)#[0-9a-fA-F]{32})`,
  secretGroups: ['hash'],
  hashcatMode: 2100,
});

export const dcc2Extractor: CatalogueExtractor = {
  name: 'dcc2',
  markers: ['$DCC2$'],
  patterns: [dcc2Pattern],
  mayMatch: (text) => text.includes('$DCC2$'),
  extract(text) {
    const out: CredentialFinding[] = [];
    for (const line of linesWith(text, '$DCC2$', 4096)) {
      for (const m of dcc2Pattern.re.all(line.text)) {
        const hash = m.hash as string;
        out.push(
          finding({
            system: m.domain ?? '',
            account: m.account as string,
            hash: hash.slice(0, -32) + hash.slice(-32).toLowerCase(),
            hashType: 2100,
            purpose: PURPOSE,
            source: 'Impacket secretsdump.py (cached logon)',
          }),
        );
      }
    }
    return out;
  },
};

/** Certipy `auth`: `[*] Got hash for 'user@domain': lm:nt`. */
export const certipyPattern = definePattern({
  name: 'certipy-hash',
  description: "Certipy auth `Got hash for 'user@domain': lm:nt`",
  source: String.raw`Got hash for '(?<principal>[^'\n]+)': (?<lm>${HEX32}):(?<nt>${HEX32})`,
  secretGroups: ['lm', 'nt'],
  hashcatMode: 1000,
});

export const certipyExtractor: CatalogueExtractor = {
  name: 'certipy',
  markers: ['Got hash for '],
  patterns: [certipyPattern],
  mayMatch: (text) => text.includes('Got hash for '),
  extract(text) {
    const out: CredentialFinding[] = [];
    for (const line of linesWith(text, 'Got hash for ', 1024)) {
      const m = certipyPattern.re.exec(line.text);
      if (!m) continue;
      const { system, account } = splitPrincipal(m.principal as string);
      out.push(
        ...lmNtFindings(
          { system, account, purpose: PURPOSE, source: 'Certipy Auth' },
          m.lm ?? '',
          m.nt ?? '',
        ),
      );
    }
    return out;
  },
};
