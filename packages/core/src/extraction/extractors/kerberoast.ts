import type { CredentialFinding } from '../credential-finding.ts';
import { meterScan } from '../engine.ts';
import { finding } from '../finding.ts';
import { nextMarker } from '../markers.ts';
import { type CatalogueExtractor, definePattern } from '../pattern.ts';
import { boundedLineStart } from '../text.ts';
import {
  asrepPattern,
  parseKerberosHash,
  preauthPattern,
  readWrappedToken,
  tgsPattern,
} from './kerberos-hash.ts';

interface Occurrence {
  token: string;
  /** Start of the line holding the token. */
  lineStart: number;
  /** Text of that line before the token (e.g. `[*] Hash                   : `). */
  label: string;
  /** Where the previous token of the same marker ended. */
  previousEnd: number;
}

/** Each `marker…` token (joined over wrapped lines), scanning on from the end of the previous one. */
function* tokens(text: string, marker: string): Generator<Occurrence> {
  let from = 0;
  let previousEnd = 0;
  const cursor = { i: 0 };
  while (true) {
    const at = nextMarker(text, marker, from, cursor);
    meterScan((at === -1 ? text.length : at) - from);
    if (at === -1) return;
    const lineStart = boundedLineStart(text, at, previousEnd);
    const { token, end } = readWrappedToken(text, at);
    yield { token, lineStart, label: text.slice(lineStart, at), previousEnd };
    previousEnd = end;
    from = Math.max(end, at + marker.length);
  }
}

const isRubeusHashLine = (label: string) => /^\s*\[\*\] Hash\s*:\s*$/.test(label);

function tgsFinding(
  token: string,
  source: string,
  account?: string,
  defaultRealm = '',
): CredentialFinding | null {
  const parsed = parseKerberosHash(token);
  if (parsed?.kind !== 'tgs') return null;
  return finding({
    system: parsed.realm || defaultRealm,
    account: account ?? parsed.user,
    hash: parsed.hash,
    hashType: parsed.hashType,
    purpose: parsed.spn ? `Windows Login (used by SPN: ${parsed.spn})` : 'Windows Login',
    source,
  });
}

/** impacket GetUserSPNs and any other single-line `$krb5tgs$` hash. */
export const kerberoastExtractor: CatalogueExtractor = {
  name: 'kerberoast',
  markers: ['$krb5tgs$'],
  patterns: [tgsPattern],
  mayMatch: (text) => text.includes('$krb5tgs$'),
  extract(text) {
    const out: CredentialFinding[] = [];
    for (const o of tokens(text, '$krb5tgs$')) {
      if (isRubeusHashLine(o.label)) continue;
      const f = tgsFinding(o.token, 'Kerberoasting');
      if (f) out.push(f);
    }
    return out;
  },
};

export const rubeusSamAccountPattern = definePattern({
  name: 'rubeus-samaccountname',
  description: 'Rubeus kerberoast block header `[*] SamAccountName : x` (no secret)',
  source: String.raw`\[\*\] SamAccountName\s*:\s*(?<account>[^\s]+)`,
  secretGroups: [],
});

/** Rubeus `kerberoast`: one block per account, the hash wrapped over indented lines. */
export const rubeusKerberoastExtractor: CatalogueExtractor = {
  name: 'rubeus-kerberoast',
  markers: ['$krb5tgs$'],
  patterns: [tgsPattern, rubeusSamAccountPattern],
  mayMatch: (text) => text.includes('$krb5tgs$') && text.includes('[*] Hash'),
  extract(text) {
    const out: CredentialFinding[] = [];
    for (const o of tokens(text, '$krb5tgs$')) {
      if (!isRubeusHashLine(o.label)) continue;
      // The account of this ticket is the SamAccountName printed since the previous ticket.
      const header = text.slice(Math.max(o.previousEnd, o.lineStart - 16 * 1024), o.lineStart);
      const names = rubeusSamAccountPattern.re.all(header);
      const account = names.length > 0 ? names[names.length - 1]?.account : undefined;
      const f = tgsFinding(o.token, 'Rubeus Kerberoasting', account);
      if (f) out.push(f);
    }
    return out;
  },
};

/** A `$krb5asrep$` or `$krb5pa$` hash as a Windows login of its realm and user (null if unparsable). */
function loginFinding(token: string, source: string): CredentialFinding | null {
  const parsed = parseKerberosHash(token);
  if (!parsed) return null;
  return finding({
    system: parsed.realm,
    account: parsed.user,
    hash: parsed.hash,
    hashType: parsed.hashType,
    purpose: 'Windows Login',
    source,
  });
}

function asrepFindings(text: string, rubeus: boolean): CredentialFinding[] {
  const out: CredentialFinding[] = [];
  for (const o of tokens(text, '$krb5asrep$')) {
    // Rubeus prints no etype (`$krb5asrep$user@realm:…`); every other tool does.
    const hasEtype = /^\$krb5asrep\$\d/.test(o.token);
    if (hasEtype === rubeus) continue;
    const f = loginFinding(o.token, rubeus ? 'Rubeus ASREPRoasting' : 'ASREPRoasting');
    if (f) out.push(f);
  }
  return out;
}

/** AS-REP roasting output: Rubeus's (no etype in the hash) or any other tool's. */
const asrepExtractor = (name: string, rubeus: boolean): CatalogueExtractor => ({
  name,
  markers: ['$krb5asrep$'],
  patterns: [asrepPattern],
  mayMatch: (text) => text.includes('$krb5asrep$'),
  extract: (text) => asrepFindings(text, rubeus),
});

export const asrepRoastExtractor = asrepExtractor('asreproast', false);

export const rubeusAsrepExtractor = asrepExtractor('rubeus-asreproast', true);

/** Kerberos pre-authentication captures (`$krb5pa$`, e.g. from a sniffer or Responder-like tools). */
export const kerberosPreauthExtractor: CatalogueExtractor = {
  name: 'kerberos-preauth',
  markers: ['$krb5pa$'],
  patterns: [preauthPattern],
  mayMatch: (text) => text.includes('$krb5pa$'),
  extract(text) {
    const out: CredentialFinding[] = [];
    for (const o of tokens(text, '$krb5pa$')) {
      const f = loginFinding(o.token, 'Kerberos pre-authentication');
      if (f) out.push(f);
    }
    return out;
  },
};
