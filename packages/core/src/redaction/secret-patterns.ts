/**
 * Secret-shaped spans in tool output, as data: each pattern names the part to hide with named groups
 * `secret`, `secret2`, ... and keeps everything else (user, domain, structure) readable. The credential
 * extractors reuse these patterns later, so names are stable.
 *
 * Every regex is written to run in linear time on adversarial input: each starts with a literal or a
 * short bounded context, quantifiers over overlapping character classes are bounded, and no group is
 * repeated over a sub-pattern that can match the same text two ways.
 *
 * Deliberate limits (what is NOT masked, so ordinary evidence stays useful):
 * - a bare 32/40/64-hex string without a credential context (MD5 / SHA-1 / SHA-256 file hashes in IOC
 *   lists, `certutil -hashfile` output, GUIDs) is left alone; hex is masked only as an LM:NT pair, after a
 *   credential label (NTLM, LM, NT, `Hash NTLM`, `ntlm- 0`, Kerberos key names, mimikatz `* SHA1`), or
 *   after a pass-the-hash argument (`-hashes`, `-H`, `/ntlm:`, `/rc4:`, `/aes256:`);
 * - `-p` is masked only right after `-u <user>` (nmap and ssh use `-p` for ports);
 * - a `password:` label masks the rest of its line, which may over-mask prose such as
 *   "password: reset by the helpdesk" (safer than leaking).
 */
export interface SecretPattern {
  name: string;
  description: string;
  /** Global regex with named secret groups (`secret`, `secret2`, ...). */
  regex: RegExp;
  /** The hashcat mode of what the secret group holds, when it is a single crackable hash. */
  hashcatMode?: number;
}

const HEX = '[0-9a-fA-F]';
/** A wrapped line: Rubeus and mimikatz indent continuation lines. */
const WRAP = '\\r?\\n[ \\t]{8,}';
/** A quoted value or a bare token (bounded). */
const VALUE = `(?:"[^"\\r\\n]{0,256}"|'[^'\\r\\n]{0,256}'|[^\\s'"]{1,256})`;

export const SECRET_PATTERNS: readonly SecretPattern[] = [
  {
    name: 'lm-nt-pair',
    description: 'LM:NT hash pair (secretsdump / pwdump `user:rid:lm:nt:::`, certipy "Got hash")',
    regex: new RegExp(`(?<!${HEX})(?<secret>${HEX}{32}:${HEX}{32})(?!${HEX})`, 'g'),
    hashcatMode: 1000,
  },
  {
    name: 'netntlm',
    description: 'NetNTLMv1 / v2 challenge-response (`user::domain:challenge:response:blob`, Responder)',
    regex: new RegExp(`::[^:\\s]{0,255}:(?<secret>${HEX}{16,}(?::${HEX}{16,}){1,3})`, 'g'),
  },
  {
    name: 'kerberos-roast',
    description:
      'Kerberoast / AS-REP roast / pre-auth hashes (`$krb5tgs$`, `$krb5asrep$`, `$krb5pa$`), also wrapped (Rubeus)',
    regex: new RegExp(
      `\\$krb5(?:tgs|asrep|pa|tgt)\\$(?:[^\\s]|${WRAP}){0,300}?(?<=[$:])(?<secret>(?=(?:${HEX}|${WRAP}){16})${HEX}(?:${HEX}|\\$|${WRAP})*)`,
      'g',
    ),
  },
  {
    name: 'dcc2',
    description: 'Domain cached credentials v2 (`$DCC2$10240#user#hash`)',
    regex: new RegExp(`\\$DCC2\\$\\d{1,7}#[^#\\s]{0,256}#(?<secret>${HEX}{32})`, 'gi'),
    hashcatMode: 2100,
  },
  {
    name: 'john-nt',
    description: 'John the Ripper NT format (`$NT$hash`)',
    regex: new RegExp(`\\$NT\\$(?<secret>${HEX}{32})`, 'g'),
    hashcatMode: 1000,
  },
  {
    name: 'crypt',
    description: 'Unix crypt hashes ($1$, $2b$, $5$, $6$, $y$, apr1, argon2), e.g. /etc/shadow',
    regex:
      /(?<![\w$])\$(?:1|2[abxy]?|5|6|y|gy|7|apr1|sha1|md5|argon2(?:id|i|d))\$(?<secret>[./A-Za-z0-9,=+]{1,64}\$[./A-Za-z0-9$,=+]{8,512})/g,
  },
  {
    name: 'ldap-ssha',
    description: 'LDAP {SSHA} / {SHA} password values',
    regex: /\{S?SHA(?:256|384|512)?\}(?<secret>[A-Za-z0-9+/]{20,512}={0,2})/g,
  },
  {
    name: 'labelled-hash',
    description:
      'Hex after a credential label: mimikatz / secretsdump NTLM, LM, Kerberos keys, `* SHA1`, `* DPAPI`',
    regex: new RegExp(
      `(?:\\b(?:NTLM|NTHash|NT ?hash|LMHash|LM ?hash|Hash NTLM|Hash LM|nt_hash|lm_hash|ntlm- ?\\d{1,3}|lm ?- ?\\d{1,3}|rc4_hmac(?:_nt|_old)?|rc4_md4|aes(?:128|256)_hmac|des_cbc_md5|NT|LM)|\\* (?:SHA1|DPAPI|Key))[ \\t]{0,40}(?:\\(\\d{1,6}\\)[ \\t]{0,10})?[:=][ \\t]{0,10}(?<secret>(?:0x)?${HEX}{16,128})(?!${HEX})`,
      'gi',
    ),
  },
  {
    name: 'kerberos-key',
    description: 'secretsdump Kerberos keys (`user:aes256-cts-hmac-sha1-96:hex`)',
    regex: new RegExp(
      `:(?:aes256-cts-hmac-sha1-96|aes128-cts-hmac-sha1-96|des-cbc-md5|des-cbc-crc|rc4[-_]hmac):(?<secret>${HEX}{16,64})`,
      'gi',
    ),
  },
  {
    name: 'lsa-secret',
    description: 'secretsdump LSA secrets (plain_password_hex, dpapi keys, NL$KM)',
    regex: new RegExp(
      `(?:plain_password_hex|dpapi_machinekey|dpapi_userkey|NL\\$KM|bootKey)[ \\t]{0,10}:[ \\t]{0,10}(?<secret>(?:0x)?${HEX}{16,})`,
      'gi',
    ),
  },
  {
    name: 'lsa-plaintext',
    description: 'secretsdump service account plaintext (`DOMAIN\\user:password` on its own line)',
    regex: new RegExp(
      `^[ \\t]{0,8}[\\w.-]{1,64}\\\\[\\w.$ -]{1,64}:(?!\\d{0,10}:?${HEX}{32}:|aes|des|rc4|plain_password_hex|\\$DCC2)(?<secret>[^\\r\\n]{1,256})$`,
      'gm',
    ),
  },
  {
    name: 'pass-the-hash-arg',
    description:
      'Hash arguments: impacket `-hashes lm:nt`, nxc / evil-winrm `-H`, Rubeus / mimikatz `/ntlm:` `/rc4:` `/aes256:`',
    regex: new RegExp(
      `(?:-hashes[ \\t]+|(?<=\\s)-H[ \\t]+|/(?:ntlm|rc4|aes128|aes256|des|hash):)['"]?(?<secret>(?:${HEX}{0,32}:)?${HEX}{16,64})(?!${HEX})`,
      'gi',
    ),
  },
  {
    name: 'mimikatz-ekeys',
    description: 'mimikatz sekurlsa::ekeys key lists (`aes256_hmac       <hex>`, no separator)',
    regex: new RegExp(
      `\\b(?:aes256_hmac|aes128_hmac|rc4_hmac_nt(?:_exp)?|rc4_hmac_old(?:_exp)?|rc4_md4|des_cbc_md5)[ \\t]{1,40}(?<secret>${HEX}{16,64})(?!${HEX})`,
      'gi',
    ),
  },
  {
    name: 'lsa-secret-text',
    description: 'mimikatz lsadump::secrets values (`cur/text: ...`, `old/hex : ...`)',
    regex: /\b(?:cur|old)\/(?:text|hex)[ \t]{0,4}:[ \t]{0,4}(?<secret>[^\s][^\r\n]{0,511})/gi,
  },
  {
    name: 'dpapi-masterkey',
    description: 'DPAPI master keys as `{GUID}:SHA1` (SharpDPAPI, mimikatz dpapi::cache)',
    regex: new RegExp(`\\{[0-9a-fA-F-]{36}\\}:(?<secret>${HEX}{40})(?!${HEX})`, 'g'),
  },
  {
    name: 'outflank-ticket',
    description: 'Outflank Kerberoast BOF tickets (`<TICKET> sAMAccountName = x` + base64 AP-REQ)',
    regex:
      /<TICKET>[ \t\r\n]{0,20}sAMAccountName = [^\r\n]{1,128}\r?\n(?<secret>[A-Za-z0-9+/=\r\n \t]{40,200000})(?=<\/TICKET>)/g,
  },
  {
    name: 'sql-password',
    description: 'SQL account passwords (`IDENTIFIED BY pw`, `WITH PASSWORD = pw`)',
    regex: new RegExp(
      `\\bIDENTIFIED[ \\t]{1,4}(?:BY|WITH)[ \\t]{1,4}(?:PASSWORD[ \\t]{1,4})?N?(?<secret>${VALUE})`,
      'gi',
    ),
  },
  {
    name: 'kirbi-base64',
    description: 'Base64 Kerberos tickets (Rubeus `doI...`), also wrapped',
    regex: /\bdoI[A-Za-z0-9+/]{60,}={0,2}(?:\r?\n[ \t]{4,}[A-Za-z0-9+/]{20,}={0,2})*/g,
  },
  {
    name: 'private-key',
    description: 'PEM private key bodies',
    // The body cannot cross another `-----`, so a BEGIN without END costs only up to the next marker.
    regex:
      /-----BEGIN [A-Z ]{0,20}PRIVATE KEY-----(?<secret>(?:[^-]|-(?!----)){1,16000})-----END [A-Z ]{0,20}PRIVATE KEY-----/g,
  },
  {
    name: 'url-credentials',
    description: 'Passwords in URLs (`scheme://user:password@host`)',
    regex: /:\/\/[^\s:/@]{1,128}:(?<secret>[^\s@/]{1,128})@/g,
  },
  {
    name: 'impacket-target',
    description: 'impacket targets `domain/user:password@host`',
    regex: /(?<=[\w.-])\/[\w.$-]{1,64}:(?<secret>[^\s/]{1,128})@[\w.-]{1,253}(?=$|[\s'"])/gm,
  },
  {
    name: 'password-field',
    description:
      'Column-style `Password : value` fields (mimikatz, Seatbelt, SharpSCCM, LAPS); masks the rest of the line',
    regex:
      /(?:password|passwd|pwd|passphrase|(?<![A-Za-z])secret)(?: tested)?(?![A-Za-z])["']?(?:[ \t]{0,40}:[ \t]{1,40}|[ \t]{1,40}:[ \t]{0,40})(?!["']|\(null\))(?<secret>[^\s][^\r\n]{0,511})/gi,
  },
  {
    name: 'password-assignment',
    description: '`password=value`, `"password":"value"`, `/password:value`, `--password value`',
    regex: new RegExp(
      `(?:password|passwd|pwd|passphrase|(?<![A-Za-z])(?:pass|secret))(?![A-Za-z])["']?(?:[ \\t]{0,4}=[ \\t]{0,4}|:(?=\\S)|["']?[ \\t]{0,4}:[ \\t]{0,4}(?=["'])|(?<=-(?:password|passwd|pass|pwd))[ \\t]{1,4})(?<secret>${VALUE})`,
      'gi',
    ),
  },
  {
    name: 'user-password-flags',
    description: '`-u user -p password` (crackmapexec / netexec, evil-winrm, kerbrute)',
    regex: new RegExp(
      `(?<=\\s)-(?:u|U|-username)[ \\t]+${VALUE}[ \\t]+-(?:p|-password)[ \\t]+(?<secret>${VALUE})`,
      'g',
    ),
  },
  {
    name: 'smbclient-user',
    description: '`-U user%password` (smbclient, rpcclient, pth-winexe)',
    regex: /(?<=\s)-U[ \t]+['"]?[^\s%'"]{1,128}%(?<secret>[^\s'"]{1,256})/g,
  },
  {
    name: 'net-user',
    description: '`net user NAME PASSWORD` and `net use ... /user:NAME PASSWORD`',
    regex:
      /\bnet1?[ \t]+user[ \t]+(?!\/)(?:"[^"\r\n]{1,64}"|[^\s"/]{1,64})[ \t]+(?![/*])(?<secret>[^\s]{1,256})|\bnet1?[ \t]+use\b[^\r\n]{0,200}?\/user:[^\s]{1,128}[ \t]+(?![/*])(?<secret2>[^\s]{1,256})/gi,
  },
];
