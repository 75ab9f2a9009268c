import type { CredentialFinding } from '../credential-finding.ts';
import { finding } from '../finding.ts';
import { HashMode } from '../hash-modes.ts';
import { type CatalogueExtractor, definePattern } from '../pattern.ts';
import { linesWith } from '../text.ts';

/**
 * NetNTLMv1 / v2 challenge-responses (`user::domain:…`), as Responder, Inveigh, ntlmrelayx and hashcat
 * print them. The account is any run without spaces or colons, so machine accounts (`WS01$`),
 * hyphenated and non-ASCII users are kept whole, and a `Hash     : ` column prefix is never part of it.
 */
const USER = String.raw`(?:^|[\s\[(])(?<account>[^\s:\\/\[\]()]{1,64})::(?<domain>[^\s:]{0,155})`;

export const netNtlmV1Pattern = definePattern({
  name: 'netntlmv1',
  description: 'NetNTLMv1 `user::domain:lm-response:nt-response:challenge`',
  source: `${USER}:(?<response>[0-9a-fA-F]{48}:[0-9a-fA-F]{48}:[0-9a-fA-F]{16})(?:$|[^0-9a-fA-F:])`,
  secretGroups: ['response'],
  hashcatMode: HashMode.netNtlmV1,
});

export const netNtlmV2Pattern = definePattern({
  name: 'netntlmv2',
  description: 'NetNTLMv2 `user::domain:challenge:ntproofstr:blob`',
  source: `${USER}:(?<response>[0-9a-fA-F]{16}:[0-9a-fA-F]{32}:[0-9a-fA-F]{16,})(?:$|[^0-9a-fA-F])`,
  secretGroups: ['response'],
  hashcatMode: HashMode.netNtlmV2,
});

function fromLine(lineText: string): CredentialFinding | null {
  // Responder prints `[SMB] NTLMv2-SSP Hash     : user::…`.
  const source = lineText.includes('] NTLMv') && lineText.includes(' Hash') ? 'Responder' : undefined;
  for (const [pattern, hashType, label] of [
    [netNtlmV2Pattern, HashMode.netNtlmV2, 'NetNTLMv2'],
    [netNtlmV1Pattern, HashMode.netNtlmV1, 'NetNTLMv1'],
  ] as const) {
    const m = pattern.re.exec(lineText);
    if (!m) continue;
    const account = m.account as string;
    const domain = m.domain ?? '';
    return finding({
      system: domain,
      account,
      hash: `${account}::${domain}:${m.response}`,
      hashType,
      purpose: 'Windows Login',
      source: source ?? label,
    });
  }
  return null;
}

export const netNtlmExtractor: CatalogueExtractor = {
  name: 'netntlm',
  patterns: [netNtlmV1Pattern, netNtlmV2Pattern],
  mayMatch: (text) => text.includes('::'),
  extract(text) {
    const out: CredentialFinding[] = [];
    for (const line of linesWith(text, '::')) {
      const f = fromLine(line.text);
      if (f) out.push(f);
    }
    return out;
  },
};
