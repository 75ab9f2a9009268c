import type { CredentialFinding } from '../credential-finding.ts';
import { finding } from '../finding.ts';
import { type CatalogueExtractor, definePattern } from '../pattern.ts';
import { blocksFrom, splitLines } from '../text.ts';

const MARKER = '[+] Password correct for useraccount(s):';

export const sprayAdPattern = definePattern({
  name: 'spray-ad',
  description: 'Outflank Spray-AD BOF `Domain tested: d` / `Password tested: pw` after the accounts',
  source: String.raw`Domain tested: (?<domain>[^\n]+)(?:\n[^\n]*){0,20}?\n[^\n]*Password tested: (?<password>[^\n]+)`,
  secretGroups: ['password'],
});

/** One secret per account listed between the header and the dashed rule. */
export const sprayAdExtractor: CatalogueExtractor = {
  name: 'spray-ad',
  markers: [MARKER],
  patterns: [sprayAdPattern],
  mayMatch: (text) => text.includes(MARKER),
  extract(text) {
    const out: CredentialFinding[] = [];
    for (const block of blocksFrom(text, MARKER, 64 * 1024)) {
      const lines = splitLines(block);
      const accounts: string[] = [];
      let i = 1;
      for (; i < lines.length; i++) {
        const l = (lines[i] as string).trim();
        if (l.startsWith('-----')) break;
        if (l) accounts.push(l);
      }
      if (i === lines.length) continue;
      const m = sprayAdPattern.re.exec(lines.slice(i).join('\n'));
      if (!m) continue;
      for (const account of accounts) {
        out.push(
          finding({
            system: (m.domain as string).trim(),
            account,
            secret: (m.password as string).trimEnd(),
            purpose: 'Kerberos Login',
            source: 'Outflank Spray-AD BOF',
          }),
        );
      }
    }
    return out;
  },
};
