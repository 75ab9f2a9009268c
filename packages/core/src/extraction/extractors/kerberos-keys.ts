import type { CredentialFinding } from '../credential-finding.ts';
import { finding } from '../finding.ts';
import { type CatalogueExtractor, definePattern } from '../pattern.ts';
import { linesWith, linesWithAny, splitPrincipal, withFollowingLines, withPrecedingLines } from '../text.ts';

/** Kerberos long-term keys: usable as they are (pass-the-key), so kept as the hash with no hashcat mode. */
export function aesKeyFinding(
  system: string,
  account: string,
  type: string,
  key: string,
  source: string,
): CredentialFinding | null {
  const t = type.toLowerCase();
  const hex = key.toLowerCase();
  if (t.startsWith('aes256') && hex.length === 64) {
    return finding({ system, account, hash: hex, purpose: 'Kerberos AES256 key', source });
  }
  if (t.startsWith('aes128') && hex.length === 32) {
    return finding({ system, account, hash: hex, purpose: 'Kerberos AES128 key', source });
  }
  if (t.startsWith('des') && hex.length === 16) {
    return finding({ system, account, hash: hex, purpose: 'Kerberos DES key', source });
  }
  if (t.startsWith('rc4') && hex.length === 32) {
    return finding({ system, account, hash: hex, hashType: 1000, purpose: 'Windows Login', source });
  }
  return null;
}

/** secretsdump `[DOMAIN\]user:aes256-cts-hmac-sha1-96:hex` lines. */
export const secretsdumpKeyPattern = definePattern({
  name: 'secretsdump-kerberos-key',
  description: 'secretsdump Kerberos keys `user:aes256-cts-hmac-sha1-96:hex`',
  source: String.raw`^[ \t]*(?:\[[^\]\n]*\] ?)*(?<principal>[^\s:]+):(?<type>aes256-cts-hmac-sha1-96|aes128-cts-hmac-sha1-96|des-cbc-md5):(?<key>[0-9a-fA-F]{16,64})[ \t]*$`,
  flags: { caseInsensitive: true },
  secretGroups: ['key'],
});

/** mimikatz sekurlsa::ekeys `* Key List :` followed by `aes256_hmac  hex` lines. */
export const ekeysPattern = definePattern({
  name: 'mimikatz-ekeys',
  description: 'mimikatz sekurlsa::ekeys `aes256_hmac       hex` key lines',
  source: String.raw`^[ \t]*(?<type>aes256_hmac|aes128_hmac|rc4_hmac_nt|des_cbc_md5)[ \t]+(?<key>[0-9a-fA-F]{16,64})[ \t]*$`,
  flags: { multiline: true },
  secretGroups: ['key'],
});

const ekeysUser = definePattern({
  name: 'mimikatz-ekeys-user',
  description: 'mimikatz `* Username : x` / `* Domain : y` before a key list (no secret)',
  source: String.raw`\* Username : (?<user>[^\n]+)\n[ \t]*\* Domain[ \t]*: (?<domain>[^\n]+)`,
  secretGroups: [],
});

export const kerberosKeysExtractor: CatalogueExtractor = {
  name: 'kerberos-keys',
  markers: ['-cts-hmac-sha1-96:', 'des-cbc-md5:', '* Key List'],
  patterns: [secretsdumpKeyPattern, ekeysPattern, ekeysUser],
  mayMatch: (text) =>
    text.includes('-cts-hmac-sha1-96:') || text.includes('des-cbc-md5:') || text.includes('* Key List'),
  extract(text) {
    const out: CredentialFinding[] = [];
    for (const line of linesWithAny(text, ['-cts-hmac-sha1-96:', 'des-cbc-md5:'])) {
      const m = secretsdumpKeyPattern.re.exec(line.text);
      if (!m) continue;
      const { system, account } = splitPrincipal(m.principal as string);
      const f = aesKeyFinding(system, account, m.type as string, m.key as string, 'Impacket secretsdump.py');
      if (f) out.push(f);
    }
    for (const line of linesWith(text, '* Key List')) {
      const user = ekeysUser.re.all(withPrecedingLines(text, line, 4)).pop();
      if (!user || user.user?.trim() === '(null)') continue;
      const system = (user.domain as string).trim();
      const account = (user.user as string).trim();
      for (const k of ekeysPattern.re.all(withFollowingLines(text, line, 6))) {
        const f = aesKeyFinding(
          system,
          account,
          k.type as string,
          k.key as string,
          'Mimikatz sekurlsa::ekeys',
        );
        if (f) out.push(f);
      }
    }
    return out;
  },
};
