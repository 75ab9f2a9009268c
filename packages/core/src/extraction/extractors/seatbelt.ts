import type { CredentialFinding } from '../credential-finding.ts';
import { finding } from '../finding.ts';
import { type CatalogueExtractor, definePattern } from '../pattern.ts';
import { linesWith, withFollowingLines } from '../text.ts';

export const seatbeltCredEnumPattern = definePattern({
  name: 'seatbelt-credenum',
  description: 'Seatbelt CredEnum `Target : t` / `UserName : u` / `Password : p`',
  source: String.raw`^[ \t]*Target[ \t]*: (?<target>[^\n]*)\n[ \t]*UserName[ \t]*: (?<user>[^\n]*)\n[ \t]*Password[ \t]*: (?<password>[^\n]*)`,
  secretGroups: ['password'],
});

const HEX_PAIRS = /^[0-9A-Fa-f]{2}(?: [0-9A-Fa-f]{2})*$/;

/** Teams and a few others store the password as space-separated hex bytes of its UTF-8. */
function decodePassword(value: string): string {
  const v = value.trim();
  if (v.length < 5 || !HEX_PAIRS.test(v)) return v;
  const bytes = Buffer.from(v.replace(/ /g, ''), 'hex');
  const decoded = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return decoded.includes('\uFFFD') ? v : decoded;
}

export const seatbeltExtractor: CatalogueExtractor = {
  name: 'seatbelt-credenum',
  markers: ['Target'],
  patterns: [seatbeltCredEnumPattern],
  mayMatch: (text) => text.includes('UserName') && text.includes('Target'),
  extract(text) {
    const out: CredentialFinding[] = [];
    for (const line of linesWith(text, 'Target')) {
      const m = seatbeltCredEnumPattern.re.exec(withFollowingLines(text, line, 2));
      if (m?.$index !== 0) continue;
      const password = decodePassword(m.password as string);
      if (!password) continue;
      out.push(
        finding({
          system: (m.target as string).trim(),
          account: (m.user as string).trim(),
          secret: password,
          purpose: 'Stored Credentials',
          source: 'Seatbelt CredEnum',
        }),
      );
    }
    return out;
  },
};
