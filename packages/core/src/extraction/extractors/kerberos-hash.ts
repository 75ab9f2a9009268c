import { meterScan } from '../engine.ts';
import { asrepMode, preauthMode, tgsMode } from '../hash-modes.ts';
import { definePattern } from '../pattern.ts';
import { isHexRun } from '../text.ts';

/**
 * Kerberos roasting hashes in every form the tools print, turned into the form hashcat takes:
 * TGS-REP (`$krb5tgs$`), AS-REP (`$krb5asrep$`) and pre-authentication captures (`$krb5pa$`).
 * AES TGS hashes lose their `$*spn*$` segment (hashcat's 19600 / 19700 form), whichever tool printed them.
 */

export const tgsPattern = definePattern({
  name: 'kerberos-tgs',
  description: 'Kerberoast TGS-REP hashes (`$krb5tgs$23$*user$realm$spn*$chk$edata`, AES forms)',
  source: String.raw`^\$krb5tgs\$(?<etype>\d{1,2})\$(?:\*(?<user1>[^$*\s]+)\$(?<realm1>[^$*\s]+)\$(?<spn1>[^*\s]+)\*|(?<user2>[^$*\s]+)\$(?<realm2>[^$*\s]+)(?:\$\*(?<spn2>[^*\s]+)\*)?)\$(?<checksum>[0-9a-fA-F]{24,32})\$$`,
  secretGroups: ['checksum'],
  hashcatMode: 13100,
});

export const asrepPattern = definePattern({
  name: 'kerberos-asrep',
  description: 'AS-REP roast hashes (`$krb5asrep$23$user@realm:chk$edata`, Rubeus without etype, AES forms)',
  source: String.raw`^\$krb5asrep\$(?:(?<etype>\d{1,2})\$)?(?:(?<upn>[^$:\s]+):|(?<user>[^$:\s@]+)\$(?<realm>[^$:\s]+)\$)(?<checksum>[0-9a-fA-F]{24,32})\$$`,
  secretGroups: ['checksum'],
  hashcatMode: 18200,
});

export const preauthPattern = definePattern({
  name: 'kerberos-preauth',
  description: 'Kerberos pre-authentication captures (`$krb5pa$<etype>$user$realm$[salt$]cipher`)',
  source: String.raw`^\$krb5pa\$(?<etype>\d{1,2})\$(?<user>[^$\s]+)\$(?<realm>[^$\s]+)\$(?:(?<salt>[^$\s]*)\$)?$`,
  secretGroups: [],
  hashcatMode: 7500,
});

/** The encrypted part that ends every roasting hash; checked on the DFA, without captures. */
export const kerberosCipherPattern = definePattern({
  name: 'kerberos-cipher',
  description: 'The hex cipher text closing a `$krb5tgs$` / `$krb5asrep$` / `$krb5pa$` hash',
  source: '^(?<cipher>[0-9a-fA-F]{32,})$',
  secretGroups: ['cipher'],
});

/**
 * A hash split before its cipher text: the short head is parsed by RE2 with captures, the long cipher
 * (`kerberosCipherPattern`) checked by a hex loop (capturing over kilobytes of hex is what makes a
 * regex engine slow).
 */
function splitCipher(token: string): { head: string; cipher: string } | null {
  const last = token.lastIndexOf('$');
  if (last === -1) return null;
  const cipher = token.slice(last + 1);
  if (cipher.length < 32 || !isHexRun(cipher)) return null;
  return { head: token.slice(0, last + 1), cipher };
}

/**
 * The fields of a TGS head `tgsPattern` accepted (`$krb5tgs$23$*user$realm$spn*$chk$`,
 * `$krb5tgs$18$user$realm$*spn*$chk$`, `$krb5tgs$17$user$realm$chk$`), read by splits: capture
 * groups are what makes the regex engine slow.
 */
function tgsHead(head: string): {
  etype: number;
  user: string;
  realm: string;
  spn: string;
  checksum: string;
} {
  const body = head.slice('$krb5tgs$'.length, -1);
  const d = body.indexOf('$');
  const etype = Number(body.slice(0, d));
  let rest = body.slice(d + 1);
  const last = rest.lastIndexOf('$');
  const checksum = rest.slice(last + 1);
  rest = rest.slice(0, last);
  let spn = '';
  if (rest.startsWith('*')) {
    const [user = '', realm = '', ...service] = rest.slice(1, -1).split('$');
    return { etype, user, realm, spn: service.join('$'), checksum };
  }
  const star = rest.indexOf('$*');
  if (star !== -1) {
    spn = rest.slice(star + 2, -1);
    rest = rest.slice(0, star);
  }
  const [user = '', realm = ''] = rest.split('$');
  return { etype, user, realm, spn, checksum };
}

export interface ParsedKerberosHash {
  kind: 'tgs' | 'asrep' | 'preauth';
  etype: number;
  user: string;
  realm: string;
  spn: string;
  /** hashcat input form. */
  hash: string;
  hashType: number | null;
}

const CONTINUATION_CHARS = '0123456789abcdefABCDEF$';

/**
 * The hash token starting at `at`, joined over wrapped lines (Rubeus and other tools indent
 * continuation lines). Returns the token without whitespace and the index where it ended.
 */
export function readWrappedToken(
  text: string,
  at: number,
  maxChars = 64 * 1024,
): { token: string; end: number } {
  const parts: string[] = [];
  let i = at;
  let total = 0;
  while (i < text.length && total < maxChars) {
    let j = i;
    while (j < text.length && text.charCodeAt(j) > 32) j++;
    parts.push(text.slice(i, j));
    total += j - i;
    if (text[j] !== '\n') {
      i = j;
      break;
    }
    let k = j + 1;
    while (k < text.length && (text[k] === ' ' || text[k] === '\t')) k++;
    if (k - (j + 1) < 4 || !CONTINUATION_CHARS.includes(text[k] ?? '!')) {
      i = j;
      break;
    }
    i = k;
  }
  meterScan(i - at);
  return { token: parts.join(''), end: i };
}

export function parseKerberosHash(token: string): ParsedKerberosHash | null {
  const parts = splitCipher(token);
  if (!parts) return null;
  const { head, cipher } = parts;
  if (token.startsWith('$krb5tgs$')) {
    if (!tgsPattern.re.test(head)) return null;
    const { etype, user, realm, spn, checksum } = tgsHead(head);
    const chk = checksum;
    const edata = cipher;
    if (etype === 23) {
      if (chk.length !== 32) return null;
      const hash = spn
        ? `$krb5tgs$23$*${user}$${realm}$${spn}*$${chk}$${edata}`
        : `$krb5tgs$23$${user}$${realm}$${chk}$${edata}`;
      return { kind: 'tgs', etype, user, realm, spn, hash, hashType: 13100 };
    }
    if (etype !== 17 && etype !== 18) return null;
    if (chk.length !== 24) return null;
    return {
      kind: 'tgs',
      etype,
      user,
      realm,
      spn,
      hash: `$krb5tgs$${etype}$${user}$${realm}$${chk}$${edata}`,
      hashType: tgsMode(etype),
    };
  }
  if (token.startsWith('$krb5asrep$')) {
    const m = asrepPattern.re.exec(head);
    if (!m) return null;
    const etype = m.etype === undefined ? 23 : Number(m.etype);
    const chk = m.checksum as string;
    const edata = cipher;
    if (etype === 23) {
      const upn = m.upn ?? `${m.user}@${m.realm}`;
      if (chk.length !== 32) return null;
      const at = upn.lastIndexOf('@');
      const user = at > 0 ? upn.slice(0, at) : upn;
      const realm = at > 0 ? upn.slice(at + 1) : '';
      return {
        kind: 'asrep',
        etype,
        user,
        realm,
        spn: '',
        hash: `$krb5asrep$23$${upn}:${chk}$${edata}`,
        hashType: asrepMode(23),
      };
    }
    if ((etype !== 17 && etype !== 18) || chk.length !== 24 || !m.user) return null;
    const user = m.user;
    const realm = m.realm as string;
    return {
      kind: 'asrep',
      etype,
      user,
      realm,
      spn: '',
      hash: `$krb5asrep$${etype}$${user}$${realm}$${chk}$${edata}`,
      hashType: asrepMode(etype),
    };
  }
  if (token.startsWith('$krb5pa$')) {
    const m = preauthPattern.re.exec(head);
    if (!m) return null;
    const etype = Number(m.etype);
    const mode = preauthMode(etype);
    if (mode === null) return null;
    return {
      kind: 'preauth',
      etype,
      user: m.user as string,
      realm: m.realm as string,
      spn: '',
      hash: token,
      hashType: mode,
    };
  }
  return null;
}
