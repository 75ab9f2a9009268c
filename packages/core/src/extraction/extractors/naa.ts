import type { CredentialFinding } from '../credential-finding.ts';
import { finding } from '../finding.ts';
import { type CatalogueExtractor, type CataloguePattern, definePattern } from '../pattern.ts';
import { linesWith, splitPrincipal, withFollowingLines } from '../text.ts';

/** SCCM Network Access Accounts, as SharpSCCM and SharpDPAPI print them (the password may be empty). */
export const sharpSccmNaaPattern = definePattern({
  name: 'sharpsccm-naa',
  description: 'SharpSCCM `NetworkAccessUsername: DOMAIN\\USER` / `NetworkAccessPassword: pw`',
  source: String.raw`NetworkAccessUsername: (?<user>[^\n]+)\n[ \t]*NetworkAccessPassword: (?<password>[^\n]*)`,
  secretGroups: ['password'],
});

export const sharpDpapiNaaPattern = definePattern({
  name: 'sharpdpapi-naa',
  description: 'SharpDPAPI `Plaintext NAA Username : DOMAIN\\USER` / `Plaintext NAA Password : pw`',
  source: String.raw`Plaintext NAA Username[ \t]*: (?<user>[^\n]+)\n[ \t]*Plaintext NAA Password[ \t]*: (?<password>[^\n]*)`,
  secretGroups: ['password'],
});

function naaExtractor(
  name: string,
  marker: string,
  pattern: CataloguePattern,
  source: string,
): CatalogueExtractor {
  return {
    name,
    markers: [marker],
    patterns: [pattern],
    mayMatch: (text) => text.includes(marker),
    extract(text) {
      const out: CredentialFinding[] = [];
      for (const line of linesWith(text, marker)) {
        const m = pattern.re.exec(withFollowingLines(text, line, 1));
        if (!m) continue;
        const { system, account } = splitPrincipal(m.user as string);
        out.push(
          finding({
            system,
            account,
            secret: (m.password as string).trimEnd(),
            purpose: 'SCCM Network Access Account',
            source,
          }),
        );
      }
      return out;
    },
  };
}

export const sharpSccmNaaExtractor = naaExtractor(
  'sharpsccm-naa',
  'NetworkAccessUsername: ',
  sharpSccmNaaPattern,
  'SharpSCCM',
);
export const sharpDpapiNaaExtractor = naaExtractor(
  'sharpdpapi-naa',
  'Plaintext NAA Username',
  sharpDpapiNaaPattern,
  'SharpDPAPI',
);
