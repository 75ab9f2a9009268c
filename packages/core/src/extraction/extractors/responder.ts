import type { CredentialFinding } from '../credential-finding.ts';
import { finding } from '../finding.ts';
import { type CatalogueExtractor, definePattern } from '../pattern.ts';
import { linesWithAny, splitPrincipal, withFollowingLines } from '../text.ts';

/**
 * Responder's cleartext captures (`[FTP] Cleartext Username : u` / `… Password : p`, HTTP Basic, LDAP,
 * SQL…). Its NetNTLM hashes are found by the NetNTLM extractor, which labels them "Responder".
 */
export const responderCleartextPattern = definePattern({
  name: 'responder-cleartext',
  description: 'Responder `[PROTO] Cleartext|Basic Username : u` / `Password : p` captures',
  source: String.raw`\[(?<proto>[A-Za-z0-9-]{2,16})\] (?<kind>Cleartext|Basic) Username[ \t]*: (?<user>[^\n]+)\n(?:[^\n]*\n){0,2}?\[[A-Za-z0-9-]{2,16}\] (?:Cleartext|Basic) Password[ \t]*: (?<password>[^\n]*)`,
  secretGroups: ['password'],
});

export const responderCleartextExtractor: CatalogueExtractor = {
  name: 'responder-cleartext',
  markers: ['Cleartext Username', 'Basic Username'],
  patterns: [responderCleartextPattern],
  mayMatch: (text) =>
    text.includes(' Username : ') && (text.includes('] Cleartext ') || text.includes('] Basic ')),
  extract(text) {
    const out: CredentialFinding[] = [];
    for (const line of linesWithAny(text, ['Cleartext Username', 'Basic Username'])) {
      const m = responderCleartextPattern.re.exec(withFollowingLines(text, line, 3));
      if (!m) continue;
      const { system, account } = splitPrincipal(m.user as string);
      out.push(
        finding({
          system,
          account,
          secret: (m.password as string).trimEnd(),
          purpose: `${m.proto} Login`,
          source: 'Responder',
        }),
      );
    }
    return out;
  },
};
