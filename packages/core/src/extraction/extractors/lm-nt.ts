import type { CredentialFinding } from '../credential-finding.ts';
import { finding } from '../finding.ts';
import { EMPTY_LM, EMPTY_NT, HashMode } from '../hash-modes.ts';

/** An LM row unless LM is the empty hash, an NT row unless NT is the empty hash (hex in lower case). */
export function lmNtFindings(
  base: { system: string; account: string; purpose: string; source: string },
  lm: string,
  nt: string,
): CredentialFinding[] {
  const out: CredentialFinding[] = [];
  const lmHex = lm.toLowerCase();
  const ntHex = nt.toLowerCase();
  const { system, account, purpose, source } = base;
  if (lmHex && lmHex !== EMPTY_LM)
    out.push(finding({ system, account, purpose, source, hash: lmHex, hashType: HashMode.lm }));
  if (ntHex && ntHex !== EMPTY_NT)
    out.push(finding({ system, account, purpose, source, hash: ntHex, hashType: HashMode.ntlm }));
  return out;
}

/**
 * Account names as Windows allows them (1–64 chars, none of `"/\[]:;|=,+*?<>`), with single spaces
 * between words only, so a column-aligned prefix (NetExec's `SMB   10.0.0.1   445   DC01`) is never
 * taken for an account name.
 */
const ACCOUNT_CHAR = String.raw`[^"/\\\[\]:;|=,+*?<>\s]`;
export const ACCOUNT = `${ACCOUNT_CHAR}(?: ?${ACCOUNT_CHAR})*`;
/** Domain / host names (2–155 chars, none of `,~:!@#$%^&'(){}_\` or spaces). */
export const DOMAIN = String.raw`[^,~:!@#$%^&'(){}_\s\\/]+`;
export const HEX32 = '[0-9a-fA-F]{32}';

export interface PwdumpFields {
  domain: string;
  account: string;
  lm: string;
  nt: string;
}

/**
 * The fields of a `[DOMAIN\\]user[:rid]:lm:nt:::` record that an RE2 pattern has already accepted,
 * read with string splits (capturing groups cost far more than the DFA's yes / no on dense dumps).
 */
export function pwdumpFields(record: string): PwdumpFields | null {
  const end = record.indexOf(':::');
  if (end === -1) return null;
  const parts = record.slice(0, end).split(':');
  if (parts.length < 3 || parts.length > 4) return null;
  const nt = parts[parts.length - 1] as string;
  const lm = parts[parts.length - 2] as string;
  const principal = (parts[0] as string).trim();
  const slash = principal.indexOf('\\');
  const domain = slash > 0 ? principal.slice(0, slash) : '';
  const account = slash > 0 ? principal.slice(slash + 1) : principal;
  if (!account || account.length > 64 || domain.length > 155) return null;
  return { domain, account, lm, nt };
}

/** The line without its leading `[timestamp] [*] ` prefixes and indentation. */
export function stripBracketPrefixes(line: string): string {
  let s = line.trimStart();
  while (s.startsWith('[')) {
    const close = s.indexOf(']');
    if (close === -1) break;
    s = s.slice(close + 1).replace(/^ /, '');
  }
  return s;
}
