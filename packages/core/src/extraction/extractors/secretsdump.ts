import type { CredentialFinding } from '../credential-finding.ts';
import { finding } from '../finding.ts';
import { type CatalogueExtractor, definePattern } from '../pattern.ts';
import { linesWith, splitPrincipal } from '../text.ts';
import { ACCOUNT, DOMAIN, HEX32, lmNtFindings } from './lm-nt.ts';

const SOURCE = 'Impacket secretsdump.py';
const PURPOSE = 'Windows Login';

/** `[prefix] DOMAIN\user:rid:lm:nt:::` (secretsdump SAM / NTDS / DCSync, pwdump lines); either hex case. */
export const pwdumpLine = definePattern({
  name: 'secretsdump-line',
  description: 'secretsdump / pwdump `[DOMAIN\\]user[:rid]:lm:nt:::` lines (SAM, NTDS, DCSync)',
  source: String.raw`^[ \t]*(?:\[[^\]\n]{0,64}\] ?)*(?:(?<domain>${DOMAIN})\\)?(?<account>${ACCOUNT})(?::(?<rid>\d{1,10}))?:(?<lm>${HEX32}):(?<nt>${HEX32}):::`,
  secretGroups: ['lm', 'nt'],
  hashcatMode: 1000,
});

const HISTORY = /^(.+)_history(\d{1,3})$/;

export const secretsdumpExtractor: CatalogueExtractor = {
  name: 'secretsdump',
  patterns: [pwdumpLine],
  mayMatch: (text) => text.includes(':::'),
  extract(text) {
    const out: CredentialFinding[] = [];
    const current = new Map<string, CredentialFinding>();
    for (const line of linesWith(text, ':::')) {
      const m = pwdumpLine.re.exec(line.text);
      if (!m) continue;
      let { system, account } = { system: m.domain ?? '', account: m.account ?? '' };
      if (!system && account.includes('@')) ({ system, account } = splitPrincipal(account));
      account = account.trim();
      if (!account) continue;
      const history = HISTORY.exec(account);
      if (history) {
        // `bob_history0` is an older hash of bob: kept with bob's current one when it was dumped too.
        const main = current.get(`${system.toLowerCase()}\\${(history[1] as string).toLowerCase()}`);
        const nt = (m.nt ?? '').toLowerCase();
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
  source: String.raw`(?:(?<domain>${DOMAIN})/[^:\s]{1,64}:)?(?<hash>\$DCC2\$\d{1,7}#(?<account>[^#\s]{1,64})#[0-9a-fA-F]{32})`,
  secretGroups: ['hash'],
  hashcatMode: 2100,
});

export const dcc2Extractor: CatalogueExtractor = {
  name: 'dcc2',
  patterns: [dcc2Pattern],
  mayMatch: (text) => text.includes('$DCC2$'),
  extract(text) {
    const out: CredentialFinding[] = [];
    for (const line of linesWith(text, '$DCC2$')) {
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
  source: String.raw`Got hash for '(?<principal>[^'\n]{1,220})': (?<lm>${HEX32}):(?<nt>${HEX32})`,
  secretGroups: ['lm', 'nt'],
  hashcatMode: 1000,
});

export const certipyExtractor: CatalogueExtractor = {
  name: 'certipy',
  patterns: [certipyPattern],
  mayMatch: (text) => text.includes('Got hash for '),
  extract(text) {
    const out: CredentialFinding[] = [];
    for (const line of linesWith(text, 'Got hash for ')) {
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
