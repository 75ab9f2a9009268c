import type { SecretPatternSpec } from './pattern-parts.ts';

/**
 * Secret shapes of tool output the credential extractors read (browser CSV, NetExec, Snaffler, Rubeus
 * wraps), in the catalogue's pattern syntax (RE2- and JavaScript-compatible, no `m` flag, no `\s`),
 * so what the vault takes from a text is masked in that text too; the extraction folder's
 * catalogue-wide test proves it for every extractor's samples.
 */
const NOT_WS = '[^ \\t\\r\\n]';
/** A token of .NET `Regex.Escape` output (Snaffler): any character but white space, `\` escapes one. */
const ESCAPED = `(?:[^ \\t\\r\\n\\\\]|\\\\${NOT_WS})`;

export const EXTRACTOR_SECRET_PATTERN_SPECS: readonly SecretPatternSpec[] = [
  {
    name: 'browser-csv-password',
    description: 'Browser saved-login CSV (SharpChromium): the password column after the raw timestamp',
    source:
      '(?:^|\\n)[A-Za-z]:\\\\[^,\\r\\n]{1,512},[^,\\r\\n]{0,1000},[^,\\r\\n]{0,1000},[0-9]{1,2}/[0-9]{1,2}/[0-9]{4} [0-9]{1,2}:[0-9]{2}:[0-9]{2}(?: [AP]M)?,[0-9]{16,20},[^,\\r\\n]{0,256},(?<secret>[^\\r\\n]{1,512})',
    flags: '',
  },
  {
    name: 'netexec-login',
    description:
      "NetExec / CrackMapExec logins `[+] DOMAIN\\user:password (Pwn3d!)`, and failed ones (the guess may be another account's password)",
    source: `\\[[+-]\\] [^ \\t\\r\\n:\\\\]{1,155}\\\\[^ \\t\\r\\n:\\\\]{1,64}:(?<secret>${NOT_WS}[^\\r\\n]{0,255}?)(?: \\((?:Pwn3d!|Guest|admin)\\)| STATUS_[A-Z_]{1,64})?[ \\t]*(?:\\r?\\n|$)`,
    flags: '',
  },
  {
    name: 'netexec-lsa-plaintext',
    description: 'NetExec `--lsa` service account plaintext `DOMAIN\\user:password` after the host columns',
    source: `(?:SMB|LDAPS?|WINRM|MSSQL|WMI)[ \\t]{2,40}[0-9A-Fa-f.:]{3,45}[ \\t]{1,40}[0-9]{1,5}[ \\t]{1,40}${NOT_WS}{1,64}[ \\t]{1,40}[A-Za-z0-9_.-]{1,64}\\\\[A-Za-z0-9_.$ -]{1,64}:(?<secret>[^\\r\\n]{1,256})`,
    flags: '',
    ignore: '^(?:[0-9]{0,10}:?[0-9a-f]{32}:|aes|des|rc4|plain_password_hex|\\$dcc2)',
  },
  {
    name: 'escaped-net-user',
    description: 'Snaffler context (Regex.Escape output) `net\\ user\\ NAME\\ PASSWORD`',
    source: `\\bnet1?\\\\ user\\\\ (?:/add\\\\ )?${ESCAPED}{1,128}\\\\ (?<secret>${ESCAPED}{1,256})`,
    flags: 'i',
  },
  {
    name: 'escaped-net-use',
    description: 'Snaffler context (Regex.Escape output) `net\\ use\\ … /user:NAME\\ PASSWORD`',
    source: `\\bnet1?\\\\ use\\\\ [^\\r\\n]{0,300}?/user:${ESCAPED}{1,128}\\\\ (?<secret>${ESCAPED}{1,256})`,
    flags: 'i',
  },
  {
    name: 'escaped-sql-password',
    description:
      "Snaffler context (Regex.Escape output) `IDENTIFIED\\ BY\\ pw`, `WITH\\ PASSWORD\\ =\\ 'pw'`",
    source: `\\b(?:IDENTIFIED\\\\ BY|WITH\\\\ PASSWORD(?:\\\\ )?=?)(?:\\\\ )?N?['"]?(?<secret>[^ \\t\\r\\n'";,\\\\]{1,256})`,
    flags: 'i',
  },
  {
    name: 'kerberos-wrapped-lines',
    description: 'The indented continuation lines of a wrapped Rubeus hash, wherever its `$` separators fall',
    source:
      '\\$krb5(?:tgs|asrep)\\$[^\\r\\n]{0,400}\\r?\\n(?<secret>(?:[ \\t]{8,40}[0-9A-Fa-f$]{1,200}(?:\\r?\\n|$))+)',
    flags: '',
  },
];
