import type { CredentialFinding } from '../credential-finding.ts';
import { finding } from '../finding.ts';
import { type CatalogueExtractor, definePattern } from '../pattern.ts';
import { linesWith } from '../text.ts';

/** SharpChromium-style CSV: `file,origin,action,date,raw-timestamp,user,password`. */
export const browserCsvPattern = definePattern({
  name: 'browser-csv',
  description: 'Browser saved logins CSV (`C:\\…\\Login Data,origin,action,date,ts,user,password`)',
  source: String.raw`^(?<path>[A-Za-z]:\\[^,\n]+),(?<origin>[^,\n]*),(?<action>[^,\n]*),\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}:\d{2}(?: [AP]M)?,\d{16,20},(?<user>[^,\n]*),(?<password>[^\n]+)$`,
  secretGroups: ['password'],
});

export const browserExtractor: CatalogueExtractor = {
  name: 'browser-csv',
  markers: [',http'],
  patterns: [browserCsvPattern],
  mayMatch: (text) => text.includes(',http'),
  extract(text) {
    const out: CredentialFinding[] = [];
    for (const line of linesWith(text, ',http', 8192)) {
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
