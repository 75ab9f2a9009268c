import { BOL, NOT_A_PASSWORD, QUOTED, REST_OF_LINE, type SecretPatternSpec, VALUE } from './pattern-parts.ts';

/** Labels that may follow letters (`NetworkAccessPassword`) and short ones that may not (`bypass`). */
const LABEL = '(?:password|passwd|passphrase|(?:^|[^A-Za-z])(?:pass|pwd|pw|creds?|credentials|secret))';

/**
 * Passwords by their label or their place in a sentence, and tool output that prints them. A label
 * followed by `: ` hides the rest of its line (safer to over-mask prose than to leak).
 */
export const PASSWORD_PATTERNS: SecretPatternSpec[] = [
  {
    name: 'password-field',
    description:
      'Column-style `Password : value` (mimikatz, Seatbelt, SharpSCCM, LAPS), `pass:` / `pw:` / `creds:`, the value on the next line; masks the rest of the line',
    source: `${LABEL}(?:[ \\t]tested)?["']?(?:[ \\t]{0,40}:[ \\t]{1,40}|[ \\t]{1,40}:[ \\t]{0,40}|[ \\t]{0,40}:[ \\t]{0,40}\\r?\\n[ \\t]{0,40})(?<secret>${REST_OF_LINE})`,
    flags: 'i',
    ignore: '^\\(null\\)$',
  },
  {
    name: 'password-assignment',
    description: '`password=value`, `"password":"value"`, `/password:value`, `pass:value`',
    source: `${LABEL}["']?(?:[ \\t]{0,4}=[ \\t]{0,4}|:|["'][ \\t]{0,4}:[ \\t]{0,4})(?<secret>${VALUE})`,
    flags: 'i',
    ignore: '^\\(null\\)$',
  },
  {
    name: 'password-prose',
    description:
      'A password in a sentence: "the password for svc_backup is X", "password was changed to X", "NTLM creds are X"',
    source: `\\b(?:password|passwd|passphrase|pwd|creds|credentials)(?:[ \\t]{1,4}(?:for|of)[ \\t]{1,4}(?:the[ \\t]{1,4})?[^ \\t\\r\\n]{1,128}(?:[ \\t]{1,4}(?:account|user))?)?[ \\t]{1,4}(?:is|was|are|were|=|will be|has been|remains)(?:[ \\t]{1,4}(?:now|still|set to|changed to|reset to))?[ \\t]{0,4}:?[ \\t]{1,4}(?<secret>${VALUE})`,
    flags: 'i',
    ignore: NOT_A_PASSWORD,
  },
  {
    name: 'lsa-plaintext',
    description: 'secretsdump service account plaintext (`DOMAIN\\user:password` on its own line)',
    source: `${BOL}[ \\t]{0,8}[A-Za-z0-9_.-]{1,64}\\\\[A-Za-z0-9_.$ -]{1,64}:(?<secret>[^\\r\\n]{1,256})`,
    flags: '',
    // Hash rows (`DOMAIN\user:rid:lm:nt:::`) and Kerberos keys have patterns of their own.
    ignore: '^(?:[0-9]{0,10}:?[0-9a-f]{32}:|aes|des|rc4|plain_password_hex|\\$dcc2)',
  },
  {
    name: 'unknown-user-secret',
    description: 'secretsdump LSA secrets of no known account (`(Unknown User):password`)',
    source: '\\(Unknown User\\):(?<secret>[^\\r\\n]{1,256})',
    flags: 'i',
  },
  {
    name: 'lsa-secret-text',
    description: 'mimikatz lsadump::secrets values (`cur/text: ...`, `old/hex : ...`)',
    source: '\\b(?:cur|old)/(?:text|hex)[ \\t]{0,4}:[ \\t]{0,4}(?<secret>[^ \\t\\r\\n][^\\r\\n]{0,511})',
    flags: 'i',
  },
  {
    name: 'outflank-ticket',
    description: 'Outflank Kerberoast BOF tickets (`<TICKET> sAMAccountName = x` + base64 AP-REQ)',
    source:
      '<TICKET>[ \\t\\r\\n]{0,20}sAMAccountName = [^\\r\\n]{1,128}\\r?\\n(?<secret>[A-Za-z0-9+/=\\r\\n \\t]{40,})</TICKET>',
    flags: '',
  },
  {
    name: 'kirbi-base64',
    description: 'Base64 Kerberos tickets (Rubeus `doI...`), also wrapped',
    source: '\\b(?<secret>doI[A-Za-z0-9+/]{60,}={0,2}(?:\\r?\\n[ \\t]{4,40}[A-Za-z0-9+/]{20,}={0,2})*)',
    flags: '',
  },
  {
    name: 'private-key',
    description: 'PEM private key bodies',
    // The body cannot hold five dashes, so a BEGIN without END costs only up to the next marker.
    source:
      '-----BEGIN [A-Z ]{0,20}PRIVATE KEY-----(?<secret>(?:[^-]|-{1,4}[^-])+)-----END [A-Z ]{0,20}PRIVATE KEY-----',
    flags: '',
  },
  {
    name: 'sql-password',
    description: 'SQL account passwords (`IDENTIFIED BY pw`, `WITH PASSWORD = pw`)',
    source: `\\bIDENTIFIED[ \\t]{1,4}(?:BY|WITH)[ \\t]{1,4}(?:PASSWORD[ \\t]{1,4})?N?(?<secret>${VALUE})`,
    flags: 'i',
  },
  {
    name: 'secure-string',
    description: "PowerShell `ConvertTo-SecureString 'pw' -AsPlainText`",
    source: `ConvertTo-SecureString[ \\t]{1,4}(?:-String[ \\t]{1,4})?(?<secret>${QUOTED}|[^ \\t\\r\\n'"(-][^ \\t\\r\\n'")]{0,255})`,
    flags: 'i',
  },
];
