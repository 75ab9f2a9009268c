import { AFTER_HEX, BEFORE_HEX, BOL, CRACKED_TAIL, H, type SecretPatternSpec } from './pattern-parts.ts';

/**
 * Hashes and challenge responses. A bare 32/40/64-hex string is NOT a secret by itself (MD5 / SHA-1 /
 * SHA-256 file hashes in IOC lists, `certutil -hashfile`, GUIDs): hex is hidden only in a credential
 * shape (LM:NT pair, pwdump row, NetNTLM, Kerberos) or after a credential label or argument.
 */
export const HASH_PATTERNS: SecretPatternSpec[] = [
  {
    name: 'lm-nt-pair',
    description: 'LM:NT hash pair (secretsdump / pwdump `user:rid:lm:nt:::`, certipy "Got hash")',
    source: `${BEFORE_HEX}(?<secret>${H}{32}:${H}{32})${AFTER_HEX}`,
    flags: '',
    hashcatMode: 1000,
  },
  {
    name: 'empty-password-hash',
    description:
      'The LM and NT hashes of the empty password, anywhere: they say an account has no password, and are never a file hash',
    source: `${BEFORE_HEX}(?<secret>31d6cfe0d16ae931b73c59d7e0c089c0|aad3b435b51404eeaad3b435b51404ee)${AFTER_HEX}`,
    flags: 'i',
  },
  {
    name: 'pwdump-row',
    description:
      'pwdump rows with an empty LM field or `NO PASSWORD*****` (`user:500::nt:::`, `user:500:NO PASSWORD***:nt:::`)',
    source: `${BOL}[ \\t]{0,8}[^:\\r\\n]{1,128}:[0-9]{1,10}:(?<secret>(?:${H}{32}|NO PASSWORD\\*{0,40})?:(?:${H}{32}|NO PASSWORD\\*{0,40}))`,
    flags: 'i',
  },
  {
    name: 'hash-plain',
    description:
      'Cracked hashes as hashcat `--show` / potfiles print them: `hash:plain`, `user:hash:plain` on their own line',
    source: `${BOL}[ \\t]{0,8}(?:[^: \\t\\r\\n]{1,128}:)?(?<secret>${H}{16,128}):(?:(?<secret2>[^:\\r\\n][^\\r\\n]{0,255})|\\r?\\n|$)`,
    flags: '',
  },
  {
    name: 'john-show',
    description: 'john `--show` of a pwdump file (`user:plain:rid:lm:nt:::`)',
    source: `${BOL}[ \\t]{0,8}[^:\\r\\n]{1,128}:(?<secret>[^:\\r\\n]{1,256}):[0-9]{1,10}:${H}{32}:${H}{32}:`,
    flags: '',
  },
  {
    name: 'netntlm',
    description:
      'NetNTLMv1 / v2 challenge-response (`user::domain:challenge:response:blob`, Responder), cracked plain after the last colon',
    source: `::[^: \\t\\r\\n]{0,255}:(?<secret>${H}{16,}(?::${H}{16,}){1,3})${CRACKED_TAIL}`,
    flags: '',
  },
  {
    name: 'kerberos-roast',
    description:
      'Kerberoast / AS-REP roast / pre-auth hashes (`$krb5tgs$`, `$krb5asrep$`, `$krb5pa$`), also wrapped (Rubeus indents, others do not), cracked plain after the last colon',
    source: `\\$krb5(?:tgs|asrep|pa|tgt)\\$(?:[^ \\t\\r\\n]|\\r?\\n(?:        |\\t)[ \\t]*){0,300}?[$:](?<secret>${H}{16}(?:${H}|\\$|\\r?\\n[ \\t]{0,40}${H}{16})*)${CRACKED_TAIL}`,
    flags: '',
  },
  {
    name: 'dcc2',
    description: 'Domain cached credentials v2 (`$DCC2$10240#user#hash`), cracked plain after a colon',
    source: `\\$DCC2\\$[0-9]{1,7}#[^# \\t\\r\\n]{0,256}#(?<secret>${H}{32})(?::(?<secret2>[^ \\t\\r\\n][^\\r\\n]{0,255}))?`,
    flags: 'i',
    hashcatMode: 2100,
  },
  {
    name: 'dcc1',
    description:
      'Domain cached credentials v1 as secretsdump prints them for pre-Vista hosts (`DOMAIN/user:hash:user: (time)`)',
    source: `:(?<secret>${H}{32}):[^: \\t\\r\\n]{1,256}: \\(`,
    flags: '',
    hashcatMode: 1100,
  },
  {
    name: 'john-nt',
    description: 'John the Ripper NT format (`$NT$hash`)',
    source: `\\$NT\\$(?<secret>${H}{32})${CRACKED_TAIL}`,
    flags: '',
    hashcatMode: 1000,
  },
  {
    name: 'crypt',
    description: 'Unix crypt hashes ($1$, $2b$, $5$, $6$, $y$, apr1, argon2), e.g. /etc/shadow',
    source:
      '(?:^|[^A-Za-z0-9_$])\\$(?:1|2[abxy]?|5|6|y|gy|7|apr1|sha1|md5|argon2(?:id|i|d))\\$(?<secret>[./A-Za-z0-9,=+]{1,64}\\$[./A-Za-z0-9$,=+]{8,512})',
    flags: '',
  },
  {
    name: 'ldap-ssha',
    description: 'LDAP {SSHA} / {SHA} password values',
    source: '\\{S?SHA(?:256|384|512)?\\}(?<secret>[A-Za-z0-9+/]{20,512}={0,2})',
    flags: '',
  },
  {
    name: 'labelled-hash',
    description:
      'Hex after a credential label: mimikatz / secretsdump NTLM, LM, Kerberos keys, `* SHA1`, `* DPAPI`',
    source: `(?:\\b(?:NTLM|NTHash|NT ?hash|LMHash|LM ?hash|Hash NTLM|Hash LM|nt_hash|lm_hash|ntlm- ?[0-9]{1,3}|lm ?- ?[0-9]{1,3}|rc4_hmac(?:_nt|_old)?|rc4_md4|aes(?:128|256)_hmac|des_cbc_md5|NT|LM)|MsCacheV[12]|\\* (?:SHA1|DPAPI|Key))[ \\t]{0,40}(?:\\([0-9]{1,6}\\)[ \\t]{0,10})?[:=][ \\t]{0,10}(?<secret>(?:0x)?${H}{16,128})${AFTER_HEX}`,
    flags: 'i',
  },
  {
    name: 'named-nt-hash',
    description:
      'An NT hash named in prose or a note: `NTLM hash <hex>`, `NT hash for bob is <hex>`, `NTLM <hex>`',
    source: `\\b(?:NTLM|NT|LM|NetNTLM)(?:[ \\t]{0,4}hash(?:es)?)?(?:[ \\t]{1,4}(?:for|of)[ \\t]{1,4}[^ \\t\\r\\n]{1,128})?(?:[ \\t]{1,4}(?:is|was))?[ \\t]{0,4}[:=]?[ \\t]{1,10}(?<secret>(?:0x)?${H}{32})${AFTER_HEX}`,
    flags: 'i',
    hashcatMode: 1000,
  },
  {
    name: 'kerberos-key',
    description: 'secretsdump Kerberos keys (`user:aes256-cts-hmac-sha1-96:hex`)',
    source: `:(?:aes256-cts-hmac-sha1-96|aes128-cts-hmac-sha1-96|des-cbc-md5|des-cbc-crc|rc4[-_]hmac):(?<secret>${H}{16,64})`,
    flags: 'i',
  },
  {
    name: 'lsa-secret',
    description: 'secretsdump LSA secrets (plain_password_hex, dpapi keys, NL$KM)',
    source: `(?:plain_password_hex|dpapi_machinekey|dpapi_userkey|NL\\$KM|bootKey)[ \\t]{0,10}:[ \\t]{0,10}(?<secret>(?:0x)?${H}{16,})`,
    flags: 'i',
  },
  {
    name: 'mimikatz-ekeys',
    description: 'mimikatz sekurlsa::ekeys key lists (`aes256_hmac       <hex>`, no separator)',
    source: `\\b(?:aes256_hmac|aes128_hmac|rc4_hmac_nt(?:_exp)?|rc4_hmac_old(?:_exp)?|rc4_md4|des_cbc_md5)[ \\t]{1,40}(?<secret>${H}{16,64})${AFTER_HEX}`,
    flags: 'i',
  },
  {
    name: 'dpapi-masterkey',
    description: 'DPAPI master keys as `{GUID}:SHA1` (SharpDPAPI, mimikatz dpapi::cache)',
    source: `\\{[0-9a-fA-F-]{36}\\}:(?<secret>${H}{40})${AFTER_HEX}`,
    flags: '',
  },
  {
    name: 'pass-the-hash-arg',
    description:
      'Hash arguments: impacket `-hashes lm:nt`, nxc / evil-winrm `-H`, Rubeus / mimikatz `/ntlm:` `/rc4:` `/aes256:`, golden ticket `/krbtgt:`',
    source: `(?:-hashes[ \\t]{1,10}|(?:^|[ \\t])-H[ \\t]{1,10}|/(?:ntlm|rc4|aes128|aes256|des|hash|krbtgt):)['"]?(?<secret>(?:${H}{0,32}:)?${H}{16,64})${AFTER_HEX}`,
    flags: 'i',
  },
  {
    name: 'pth-command',
    description: 'Cobalt Strike `pth DOMAIN\\user <NT hash>`',
    source: `\\bpth[ \\t]{1,10}[^ \\t\\r\\n]{1,128}[ \\t]{1,10}(?<secret>${H}{32})${AFTER_HEX}`,
    flags: 'i',
    hashcatMode: 1000,
  },
];
