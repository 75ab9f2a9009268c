import type { CredentialFinding } from '../credential-finding.ts';
import { finding } from '../finding.ts';
import { type CatalogueExtractor, definePattern } from '../pattern.ts';
import { blocksFrom } from '../text.ts';
import { readApReqTicket } from './der.ts';

export const outflankTicketPattern = definePattern({
  name: 'outflank-ticket',
  description: 'Outflank Kerberoast BOF `<TICKET> sAMAccountName = x` + base64 AP-REQ `</TICKET>`',
  source: String.raw`<TICKET>\s*sAMAccountName = (?<account>[^\n]+)\n(?<ticket>[A-Za-z0-9+/=\s]{40,}?)</TICKET>`,
  secretGroups: ['ticket'],
});

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

/** The AP-REQ of the BOF turned into the hashcat TGS-REP form (13100 RC4, 19600 / 19700 AES). */
export function ticketToHashcat(account: string, base64: string): CredentialFinding | null {
  const buf = Buffer.from(base64.replace(/\s+/g, ''), 'base64');
  // The BOF prints a GSS-API token; the AP-REQ inside starts at an APPLICATION 14 tag (0x6E). A length
  // byte of the wrapper may be 0x6E too, so a few candidates are tried.
  let t: ReturnType<typeof readApReqTicket> = null;
  for (
    let at = buf.indexOf(0x6e), tries = 0;
    at !== -1 && !t && tries < 8;
    at = buf.indexOf(0x6e, at + 1), tries++
  ) {
    t = readApReqTicket(buf, at);
  }
  if (!t || t.serviceName.length === 0) return null;
  const spn = t.serviceName.join('/');
  let hash: string;
  let hashType: number;
  if (t.etype === 23) {
    if (t.cipher.length <= 16) return null;
    hash = `$krb5tgs$23$*${account}$${t.realm}$${spn}*$${hex(t.cipher.subarray(0, 16))}$${hex(t.cipher.subarray(16))}`;
    hashType = 13100;
  } else if (t.etype === 17 || t.etype === 18) {
    if (t.cipher.length <= 12) return null;
    const split = t.cipher.length - 12;
    hash = `$krb5tgs$${t.etype}$${account}$${t.realm}$${hex(t.cipher.subarray(split))}$${hex(t.cipher.subarray(0, split))}`;
    hashType = t.etype === 17 ? 19600 : 19700;
  } else {
    return null;
  }
  return finding({
    system: t.realm,
    account,
    hash,
    hashType,
    purpose: `Windows Login (used by SPN: ${spn})`,
    source: 'Outflank Kerberoasting',
  });
}

export const outflankKerberoastExtractor: CatalogueExtractor = {
  name: 'outflank-kerberoast',
  markers: ['<TICKET>'],
  patterns: [outflankTicketPattern],
  mayMatch: (text) => text.includes('<TICKET>'),
  extract(text) {
    const out: CredentialFinding[] = [];
    for (const block of blocksFrom(text, '<TICKET>', 300 * 1024)) {
      const m = outflankTicketPattern.re.exec(block);
      if (!m) continue;
      const f = ticketToHashcat((m.account as string).trim(), m.ticket as string);
      if (f) out.push(f);
    }
    return out;
  },
};
