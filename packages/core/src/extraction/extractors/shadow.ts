import type { CredentialFinding } from '../credential-finding.ts';
import { finding } from '../finding.ts';
import { HashMode } from '../hash-modes.ts';
import { type CatalogueExtractor, definePattern } from '../pattern.ts';
import { linesWith } from '../text.ts';

/** `/etc/shadow` lines: `user:$id$salt$hash:lastchange:…`. */
export const shadowLinePattern = definePattern({
  name: 'shadow-line',
  description: '/etc/shadow `user:$6$salt$hash:…` (md5crypt, sha256crypt, sha512crypt, bcrypt, yescrypt)',
  source: String.raw`^(?<user>[a-z_][a-z0-9_.-]*\$?):(?<hash>\$(?<id>1|2[abxy]?|5|6|y|gy|7)\$[./A-Za-z0-9,=$]{8,})(?::[^\n]*)?$`,
  secretGroups: ['hash'],
  hashcatMode: 1800,
});

const MODES: Record<string, number> = {
  '1': HashMode.md5crypt,
  '2': HashMode.bcrypt,
  '2a': HashMode.bcrypt,
  '2b': HashMode.bcrypt,
  '2x': HashMode.bcrypt,
  '2y': HashMode.bcrypt,
  '5': HashMode.sha256crypt,
  '6': HashMode.sha512crypt,
};

/** Locked (`!`, `*`) and empty entries are not hashes and never match. yescrypt has no hashcat mode. */
export const shadowExtractor: CatalogueExtractor = {
  name: 'shadow',
  markers: [':$'],
  patterns: [shadowLinePattern],
  mayMatch: (text) => text.includes(':$'),
  extract(text) {
    const out: CredentialFinding[] = [];
    for (const line of linesWith(text, ':$', 2048)) {
      const record = line.text.trim();
      if (!shadowLinePattern.re.test(record)) continue;
      // Accepted by RE2: `user:$id$…` with the hash up to the next colon.
      const [user = '', hash = ''] = record.split(':', 2);
      const id = hash.slice(1, hash.indexOf('$', 1));
      out.push(
        finding({
          account: user,
          hash,
          hashType: MODES[id] ?? null,
          purpose: 'Unix Login',
          source: '/etc/shadow',
        }),
      );
    }
    return out;
  },
};
