import type { CredentialFinding } from '../credential-finding.ts';
import { finding } from '../finding.ts';
import { type CatalogueExtractor, type CataloguePattern, definePattern } from '../pattern.ts';
import { linesWith, splitPrincipal, withFollowingLines } from '../text.ts';

/** Credentials typed by a user into a fake prompt: the AskCreds BOF and CredPhisher. */
export const askCredsPattern = definePattern({
  name: 'askcreds',
  description: 'AskCreds BOF `[+] Username: [DOMAIN\\]user` / `[+] Password: pw`',
  source: String.raw`\[\+\] Username: (?<user>[^\n]+)\n\[\+\] Password: (?<password>[^\n]*)`,
  secretGroups: ['password'],
});

export const credPhisherPattern = definePattern({
  name: 'credphisher',
  description: 'CredPhisher `[+] Collected Credentials:` / `Username: u` / `Password: pw`',
  source: String.raw`\[\+\] Collected Credentials:[ \t]*\n[ \t]*Username: (?<user>[^\n]+)\n[ \t]*Password: (?<password>[^\n]*)`,
  secretGroups: ['password'],
});

function promptExtractor(
  name: string,
  marker: string,
  lines: number,
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
        const m = pattern.re.exec(withFollowingLines(text, line, lines));
        if (!m) continue;
        const { system, account } = splitPrincipal(m.user as string);
        out.push(
          finding({ system, account, secret: m.password as string, purpose: 'Windows Login', source }),
        );
      }
      return out;
    },
  };
}

export const askCredsExtractor = promptExtractor(
  'askcreds',
  '[+] Username: ',
  1,
  askCredsPattern,
  'AskCreds',
);
export const credPhisherExtractor = promptExtractor(
  'credphisher',
  '[+] Collected Credentials:',
  2,
  credPhisherPattern,
  'CredPhisher',
);
