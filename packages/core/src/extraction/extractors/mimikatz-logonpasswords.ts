import type { CredentialFinding } from '../credential-finding.ts';
import { finding } from '../finding.ts';
import { type CatalogueExtractor, definePattern } from '../pattern.ts';
import { blocksFrom, splitLines } from '../text.ts';

/** One `* Key : value` line of a mimikatz sekurlsa credential (msv, wdigest, kerberos, tspkg, …). */
export const mimikatzFieldPattern = definePattern({
  name: 'mimikatz-credential-field',
  description: 'mimikatz sekurlsa `* NTLM : hash`, `* SHA1 : hash`, `* Password : pw` fields',
  source: String.raw`^[ \t]*\* (?<key>NTLM|SHA1|Password)[ \t]*: (?<value>[^\n]*)$`,
  secretGroups: ['value'],
});

const FIELDS = new Set(['Username', 'Domain', 'NTLM', 'SHA1', 'Password']);
const HEX32 = /^[0-9a-f]{32}$/i;
const HEX40 = /^[0-9a-f]{40}$/i;
/** Machine accounts' random passwords, printed as hex bytes: not a password anyone types. */
const HEX_BYTES = /^(?:[0-9a-f]{2} ){15,}[0-9a-f]{2}$/i;

interface Pending {
  user?: string;
  domain?: string;
  ntlm?: string;
  sha1?: string;
  password?: string;
}

function flush(p: Pending, out: CredentialFinding[]): void {
  const account = p.user?.trim();
  if (!account || account === '(null)') return;
  const system = p.domain && p.domain !== '(null)' ? p.domain.trim() : '';
  const base = { system, account, source: 'Mimikatz sekurlsa::logonpasswords' };
  if (p.ntlm && HEX32.test(p.ntlm)) {
    out.push(finding({ ...base, hash: p.ntlm.toLowerCase(), hashType: 1000, purpose: 'Windows Login' }));
  }
  if (p.sha1 && HEX40.test(p.sha1)) {
    out.push(finding({ ...base, hash: p.sha1.toLowerCase(), purpose: 'Windows Login (SHA1)' }));
  }
  const pw = p.password;
  if (pw !== undefined && pw !== '(null)' && pw !== '' && !HEX_BYTES.test(pw)) {
    out.push(finding({ ...base, secret: pw, purpose: 'Windows Login' }));
  }
}

/** Per logon session, each provider's `* Username` starts a credential; its NTLM, SHA1, cleartext follow. */
export const mimikatzLogonPasswordsExtractor: CatalogueExtractor = {
  name: 'mimikatz-logonpasswords',
  markers: ['Authentication Id :'],
  patterns: [mimikatzFieldPattern],
  mayMatch: (text) => text.includes('Authentication Id :') && text.includes('* Username :'),
  extract(text) {
    const out: CredentialFinding[] = [];
    for (const block of blocksFrom(text, 'Authentication Id :', 64 * 1024, '\n\n')) {
      let pending: Pending | null = null;
      for (const line of splitLines(block)) {
        if (!line.includes('* ')) {
          // A provider header (`msv :`, `kerberos :`) ends the credential before it.
          if (pending && /^\s*[a-z]+ :\s*$/.test(line)) {
            flush(pending, out);
            pending = null;
          }
          continue;
        }
        // `* Key : value`, read by a split (the catalogue's field pattern describes it for redaction).
        const star = line.indexOf('* ');
        const colon = line.indexOf(':', star);
        if (colon === -1 || line.slice(0, star).trim() !== '') continue;
        const key = line.slice(star + 2, colon).trim();
        if (!FIELDS.has(key)) continue;
        const value = line
          .slice(colon + 1)
          .replace(/^ /, '')
          .trimEnd();
        if (key === 'Username') {
          if (pending) flush(pending, out);
          pending = { user: value };
        } else if (pending) {
          if (key === 'Domain') pending.domain = value;
          else if (key === 'NTLM') pending.ntlm = value;
          else if (key === 'SHA1') pending.sha1 = value;
          else pending.password = value;
        }
      }
      if (pending) flush(pending, out);
    }
    return out;
  },
};
