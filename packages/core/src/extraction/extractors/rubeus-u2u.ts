import type { CredentialFinding } from '../credential-finding.ts';
import { meterScan } from '../engine.ts';
import { finding } from '../finding.ts';
import { nextMarker } from '../markers.ts';
import { type CatalogueExtractor, definePattern } from '../pattern.ts';

const MARKER = 'Getting credentials using U2U';

export const rubeusU2uPattern = definePattern({
  name: 'rubeus-u2u',
  description: 'Rubeus `/getcredentials` (U2U): the NTLM hash of the ticket user',
  source: String.raw`NTLM[ \t]*: (?<nt>[0-9a-fA-F]{32})`,
  secretGroups: ['nt'],
  hashcatMode: 1000,
});

export const rubeusUserPattern = definePattern({
  name: 'rubeus-ticket-user',
  description: 'Rubeus ticket `UserName : x` / `UserRealm : y` (no secret)',
  source: String.raw`UserName[ \t]*:[ \t]*(?<user>[^\s]+)\n[ \t]*UserRealm[ \t]*:[ \t]*(?<realm>[^\s]+)`,
  secretGroups: [],
});

export const rubeusU2uExtractor: CatalogueExtractor = {
  name: 'rubeus-u2u',
  markers: [MARKER],
  patterns: [rubeusU2uPattern, rubeusUserPattern],
  mayMatch: (text) => text.includes(MARKER),
  extract(text) {
    const out: CredentialFinding[] = [];
    let from = 0;
    let previous = 0;
    const cursor = { i: 0 };
    while (true) {
      const at = nextMarker(text, MARKER, from, cursor);
      meterScan((at === -1 ? text.length : at) - from);
      if (at === -1) break;
      const next = nextMarker(text, MARKER, at + MARKER.length, { ...cursor });
      const before = text.slice(Math.max(previous, at - 8192), at);
      const after = text.slice(at, Math.min(next === -1 ? text.length : next, at + 8192));
      const users = rubeusUserPattern.re.all(before);
      const user = users[users.length - 1];
      const hash = rubeusU2uPattern.re.exec(after);
      if (user && hash) {
        out.push(
          finding({
            system: user.realm as string,
            account: user.user as string,
            hash: (hash.nt as string).toLowerCase(),
            hashType: 1000,
            purpose: 'Windows Login',
            source: 'Rubeus U2U',
          }),
        );
      }
      previous = at;
      from = at + MARKER.length;
    }
    return out;
  },
};
