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
  if (lmHex && lmHex !== EMPTY_LM) out.push(finding({ ...base, hash: lmHex, hashType: HashMode.lm }));
  if (ntHex && ntHex !== EMPTY_NT) out.push(finding({ ...base, hash: ntHex, hashType: HashMode.ntlm }));
  return out;
}

/**
 * Account names as Windows allows them (1–64 chars, none of `"/\[]:;|=,+*?<>`), with single spaces
 * between words only, so a column-aligned prefix (NetExec's `SMB   10.0.0.1   445   DC01`) is never
 * taken for an account name.
 */
const ACCOUNT_CHAR = String.raw`[^"/\\\[\]:;|=,+*?<>\s]`;
export const ACCOUNT = `${ACCOUNT_CHAR}(?: ?${ACCOUNT_CHAR}){0,63}`;
/** Domain / host names (2–155 chars, none of `,~:!@#$%^&'(){}_\` or spaces). */
export const DOMAIN = String.raw`[^,~:!@#$%^&'(){}_\s\\/]{2,155}`;
export const HEX32 = '[0-9a-fA-F]{32}';
