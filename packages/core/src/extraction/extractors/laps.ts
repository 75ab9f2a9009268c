import type { CredentialFinding } from '../credential-finding.ts';
import { finding } from '../finding.ts';
import { type CatalogueExtractor, definePattern } from '../pattern.ts';
import { linesWith, withFollowingLines } from '../text.ts';

export const ldapLapsPattern = definePattern({
  name: 'ldapshell-laps',
  description: 'ldapshell `get_laps_password HOST` … `LAPS Password: pw`',
  source: String.raw`get_laps_password (?<host>[^\s]+)\s{1,20}Found Computer DN: [^\n]*\s{1,20}LAPS Password: (?<password>[^\n]+)`,
  secretGroups: ['password'],
});

/** The local administrator's LAPS password; the account name is not printed, so it stays empty. */
export const ldapLapsExtractor: CatalogueExtractor = {
  name: 'ldapshell-laps',
  markers: ['get_laps_password '],
  patterns: [ldapLapsPattern],
  mayMatch: (text) => text.includes('get_laps_password '),
  extract(text) {
    const out: CredentialFinding[] = [];
    for (const line of linesWith(text, 'get_laps_password ')) {
      const m = ldapLapsPattern.re.exec(withFollowingLines(text, line, 6));
      if (!m) continue;
      out.push(
        finding({
          system: m.host as string,
          account: '',
          secret: (m.password as string).trimEnd(),
          purpose: 'Windows LAPS Password',
          source: 'LDAP',
        }),
      );
    }
    return out;
  },
};
