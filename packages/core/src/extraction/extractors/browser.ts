import type { CredentialFinding } from '../credential-finding.ts';
import { finding } from '../finding.ts';
import { type CatalogueExtractor, definePattern } from '../pattern.ts';
import { linesWith } from '../text.ts';

/** SharpChromium-style CSV: `file,origin,action,date,raw-timestamp,user,password`. */
export const browserCsvPattern = definePattern({
  name: 'browser-csv',
  description: 'Browser saved logins CSV (`C:\\…\\Login Data,origin,action,date,ts,user,password`)',
  source: String.raw`^(?<path>[A-Za-z]:\\[^,\n]{1,512}),(?<origin>[^,\n]{0,1000}),(?<action>[^,\n]{0,1000}),\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}:\d{2}(?: [AP]M)?,\d{16,20},(?<user>[^,\n]{0,256}),(?<password>[^\n]{1,512})$`,
  secretGroups: ['password'],
});

export const browserExtractor: CatalogueExtractor = {
  name: 'browser-csv',
  patterns: [browserCsvPattern],
  mayMatch: (text) => text.includes(':\\'),
  extract(text) {
    const out: CredentialFinding[] = [];
    for (const line of linesWith(text, ':\\')) {
      const m = browserCsvPattern.re.exec(line.text);
      if (!m) continue;
      out.push(
        finding({
          system: (m.action as string) || (m.origin as string),
          account: m.user as string,
          secret: m.password as string,
          purpose: 'Web Login',
          source: m.path as string,
        }),
      );
    }
    return out;
  },
};
