import type { VaultFinding } from '../credential-ingest.service.ts';
import {
  type DumpOptions,
  EMPTY_LM,
  EMPTY_NT,
  finding,
  type LineOutcome,
  splitAccount,
} from './dump-line.ts';

const PREFIXES = /^(?:\[[^\]]*\]\s*)*/;
// account[:rid]:LM:NT::: with anything after (e.g. " (status=Enabled)"); hex in any case.
const HASH_LINE =
  /^(?<who>[^:]+?)(?::(?<rid>\d+))?:(?<lm>[0-9a-f]{32}|NO PASSWORD\*+|NO LM-HASH\*+|):(?<nt>[0-9a-f]{32}|NO PASSWORD\*+)(?<rest>:.*)?$/i;
const DCC2 = /^(?<domain>[^/\s:\\]+)\/(?<account>[^:]+):(?<hash>\$DCC2\$\d+#[^#]+#[0-9a-f]{32})/i;
const CLEARTEXT = /^(?<who>[^:]+):CLEARTEXT:(?<secret>.*)$/;
const KERBEROS_KEY =
  /^[^:]+:(?:aes\d+-cts-hmac-sha1-96|des-cbc-md5|des-cbc-crc|rc4[-_]hmac|0x[0-9a-f]+):[0-9a-f]+$/i;
// LSA secrets and their hex dumps, the DPAPI keys, and tool chatter: real output, not credentials we keep.
const NOT_KEPT =
  /^(?:Impacket v|\$MACHINE\.ACC|dpapi_(?:machine|user)key|NL\$KM|\$?_SC_|DefaultPassword|ASP\.NET|L\$|\d{4}\s+[0-9A-F]{2}\s|Cannot |Target system bootKey|Searching for|Reading and decrypting|Saving|Policy SPN)/i;
const HISTORY = /^(?<account>.+)_history(?<n>\d+)$/i;

const isNoLm = (lm: string) => lm === '' || /^NO /i.test(lm) || lm.toLowerCase() === EMPTY_LM;

/** The findings of one hash line: an LM row unless LM is empty, and the NT row. */
function hashFindings(
  m: NonNullable<RegExpExecArray['groups']>,
  options: DumpOptions,
  kind: 'secretsdump' | 'pwdump',
): LineOutcome {
  const { system, account } = splitAccount(m.who ?? '', options.system);
  if (!account.trim()) return { reject: 'has no account name before the hashes' };
  const lm = m.lm ?? '';
  const ntRaw = m.nt ?? '';
  const nt = /^NO /i.test(ntRaw) ? null : ntRaw;
  const history = HISTORY.exec(account);
  if (history?.groups)
    return {
      history: {
        system,
        account: history.groups.account ?? '',
        index: Number(history.groups.n),
        lm: isNoLm(lm) ? null : lm,
        nt,
      },
    };
  const enabled = !/status=disabled/i.test(m.rest ?? '');
  const source = kind === 'secretsdump' ? 'Impacket secretsdump.py' : 'Pwdump import';
  const purpose = kind === 'pwdump' && m.rid ? `Windows Login RID: ${m.rid}` : 'Windows Login';
  // Plain object literals: this runs once per line of a million-line NTDS dump.
  const out: VaultFinding[] = [];
  if (!isNoLm(lm))
    out.push({ system, account, hash: lm, hashType: 3000, secret: null, purpose, source, enabled });
  // The empty NT hash is a known empty password.
  if (nt !== null)
    out.push({
      system,
      account,
      hash: nt,
      hashType: 1000,
      secret: nt.length === 32 && nt.toLowerCase() === EMPTY_NT ? '' : null,
      purpose,
      source,
      enabled,
    });
  return { findings: out };
}

/**
 * Impacket secretsdump output (NTDS, SAM, DCSync, cached logons): banners, `[*]` status lines, blank
 * lines, Kerberos keys and LSA secrets are skipped silently; anything else unrecognised is rejected.
 */
export function parseSecretsdumpLine(raw: string, options: DumpOptions): LineOutcome {
  const text = raw.replace(PREFIXES, '').trim();
  if (text === '') return { skip: true };
  if (/^\[[*+\-!]\]/.test(raw.trimStart())) {
    // A `[*]` line may still carry a hash after the prefix (datestamped output).
    if (!HASH_LINE.test(text) && !DCC2.test(text)) return { skip: true };
  }
  const h = HASH_LINE.exec(text);
  if (h?.groups) return hashFindings(h.groups, options, 'secretsdump');
  const d = DCC2.exec(text);
  if (d?.groups)
    return {
      findings: [
        finding({
          system: d.groups.domain ?? '',
          account: d.groups.account ?? '',
          hash: d.groups.hash ?? '',
          hashType: 2100,
          purpose: 'Windows Login',
          source: 'Impacket secretsdump.py',
        }),
      ],
    };
  const c = CLEARTEXT.exec(text);
  if (c?.groups) {
    const { system, account } = splitAccount(c.groups.who ?? '', options.system);
    return {
      findings: [
        finding({
          system,
          account,
          secret: c.groups.secret ?? '',
          purpose: 'Windows Login',
          source: 'Impacket secretsdump.py',
        }),
      ],
    };
  }
  if (KERBEROS_KEY.test(text) || NOT_KEPT.test(text)) return { skip: true };
  return { reject: 'is not a secretsdump line (expected user:rid:lm:nt:::)' };
}

/** pwdump lines: `account:rid:lm:nt:::`; blank lines skipped, anything else rejected. */
export function parsePwdumpLine(raw: string, options: DumpOptions): LineOutcome {
  const text = raw.trim();
  if (text === '') return { skip: true };
  const h = HASH_LINE.exec(text);
  if (h?.groups) return hashFindings(h.groups, options, 'pwdump');
  return { reject: 'is not a pwdump line (expected account:rid:lm:nt:::)' };
}
