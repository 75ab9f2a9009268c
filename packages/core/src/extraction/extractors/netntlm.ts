import type { CredentialFinding } from '../credential-finding.ts';
import { finding } from '../finding.ts';
import { HashMode } from '../hash-modes.ts';
import { type CatalogueExtractor, definePattern } from '../pattern.ts';
import { isHexRun, linesWith } from '../text.ts';

/**
 * NetNTLMv1 / v2 challenge-responses (`user::domain:…`), as Responder, Inveigh, ntlmrelayx and hashcat
 * print them. The account is any run without spaces or colons, so machine accounts (`WS01$`),
 * hyphenated and non-ASCII users are kept whole, and a `Hash     : ` column prefix is never part of it.
 */
const USER = String.raw`^(?<account>[^\s:\\/\[\]()]+)::(?<domain>[^\s:]*)`;

/** The `user::domain:` head of both forms: the variable-shaped part, checked by RE2. */
export const netNtlmHeadPattern = definePattern({
  name: 'netntlm-head',
  description: 'NetNTLM `user::domain:` head (no secret)',
  source: `${USER}:$`,
  secretGroups: [],
});

export const netNtlmV1Pattern = definePattern({
  name: 'netntlmv1',
  description: 'NetNTLMv1 `user::domain:lm-response:nt-response:challenge`',
  source: `${USER}:(?<response>[0-9a-fA-F]{48}:[0-9a-fA-F]{48}:[0-9a-fA-F]{16})$`,
  secretGroups: ['response'],
  hashcatMode: HashMode.netNtlmV1,
});

export const netNtlmV2Pattern = definePattern({
  name: 'netntlmv2',
  description: 'NetNTLMv2 `user::domain:challenge:ntproofstr:blob`',
  source: `${USER}:(?<response>[0-9a-fA-F]{16}:[0-9a-fA-F]{32}:[0-9a-fA-F]{16,})$`,
  secretGroups: ['response'],
  hashcatMode: HashMode.netNtlmV2,
});

const STOP = ' \t[(:';

/**
 * The `user::domain:…` token around the first `::` of a line: the account runs back to a space or
 * bracket, the response forward to a space. The candidate is then checked whole by the RE2 patterns
 * (yes / no on the DFA), so no capturing match runs on the line.
 */
function candidate(lineText: string): { token: string; account: string; domain: string } | null {
  // The first `::` that is not part of a pwdump `:::` ending.
  let sep = lineText.indexOf('::');
  while (sep !== -1 && (lineText[sep + 2] === ':' || lineText[sep - 1] === ':'))
    sep = lineText.indexOf('::', sep + 3);
  if (sep <= 0) return null;
  let start = sep;
  while (start > 0 && !STOP.includes(lineText[start - 1] as string)) start--;
  let end = lineText.indexOf(' ', sep);
  if (end === -1) end = lineText.length;
  const token = lineText.slice(start, end).trimEnd();
  const account = token.slice(0, sep - start);
  const domainEnd = token.indexOf(':', sep - start + 2);
  if (!account || domainEnd === -1) return null;
  return { token, account, domain: token.slice(sep - start + 2, domainEnd) };
}

function fromLine(lineText: string): CredentialFinding | null {
  const c = candidate(lineText);
  if (!c) return null;
  // Responder prints `[SMB] NTLMv2-SSP Hash     : user::…`.
  const source = lineText.includes('] NTLMv') && lineText.includes(' Hash') ? 'Responder' : undefined;
  const headLength = c.account.length + 2 + c.domain.length + 1;
  // The responses are fixed-shape hex fields (v2: 16:32:blob, v1: 48:48:16), checked by a hex loop
  // first (cheap); RE2 then checks the variable-shaped `user::domain:` head.
  const fields = c.token.slice(headLength).split(':');
  const lengths = fields.map((f) => (isHexRun(f) ? f.length : -1));
  let hashType: number | null = null;
  if (lengths.length === 3 && lengths[0] === 16 && lengths[1] === 32 && (lengths[2] as number) >= 16)
    hashType = 5600;
  else if (lengths.length === 3 && lengths[0] === 48 && lengths[1] === 48 && lengths[2] === 16)
    hashType = 5500;
  if (hashType === null || !netNtlmHeadPattern.re.test(c.token.slice(0, headLength))) return null;
  return finding({
    system: c.domain,
    account: c.account,
    hash: c.token,
    hashType,
    purpose: 'Windows Login',
    source: source ?? (hashType === 5600 ? 'NetNTLMv2' : 'NetNTLMv1'),
  });
}

export const netNtlmExtractor: CatalogueExtractor = {
  name: 'netntlm',
  markers: ['::'],
  patterns: [netNtlmHeadPattern, netNtlmV1Pattern, netNtlmV2Pattern],
  mayMatch: (text) => text.includes('::'),
  extract(text) {
    const out: CredentialFinding[] = [];
    for (const line of linesWith(text, '::', 16 * 1024)) {
      const f = fromLine(line.text);
      if (f) out.push(f);
    }
    return out;
  },
};
