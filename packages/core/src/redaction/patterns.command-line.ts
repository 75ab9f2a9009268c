import { type SecretPatternSpec, VALUE } from './pattern-parts.ts';

/** A port or port list, which `-P` / `-p` mean for mysql, nmap and ssh. */
const PORTS = '^["\']?[0-9TUSPtusp:,-]{1,128}["\']?$';

/** Passwords in command lines and URLs. */
export const COMMAND_LINE_PATTERNS: SecretPatternSpec[] = [
  {
    name: 'url-credentials',
    description: 'Passwords in URLs (`scheme://user:password@host`)',
    source: '://[^ \\t\\r\\n:/@]{1,128}:(?<secret>[^ \\t\\r\\n@/]{1,128})@',
    flags: '',
  },
  {
    name: 'impacket-target',
    description: 'impacket targets `domain/user:password@host`',
    source: '[A-Za-z0-9_.-]/[A-Za-z0-9_.$-]{1,64}:(?<secret>[^ \\t\\r\\n/]{1,128})@[A-Za-z0-9_.-]{1,253}',
    flags: '',
  },
  {
    name: 'user-password-flags',
    description:
      '`-u user -p password`, `-uroot -ptoor`, `-l user -p pw` (netexec, evil-winrm, mysql, hydra)',
    source: `(?:^|[ \\t])-(?:u|U|l|-username|-user)[ \\t]{0,4}${VALUE}[ \\t]{1,4}-(?:p|-password)(?:[ \\t]{1,4}|=)?(?<secret>${VALUE})`,
    flags: '',
    ignore: PORTS,
  },
  {
    name: 'dash-P',
    description: '`-P password` (sqlcmd, psexec, medusa); a number is a port (mysql -P 3306)',
    source: `(?:^|[ \\t])-P[ \\t]{1,4}(?<secret>${VALUE})`,
    flags: '',
    ignore: PORTS,
  },
  {
    name: 'attached-p',
    description: '`-pPASSWORD` of database clients and archivers (mysql, mariadb, 7z, rar, unzip)',
    source: `\\b(?:mysql|mysqldump|mysqladmin|mariadb|mariadb-dump|7z|7za|rar|unrar|unzip)\\b[^\\r\\n]{0,200}?[ \\t]-[pP](?<secret>${VALUE})`,
    flags: 'i',
    ignore: PORTS,
  },
  {
    name: 'sshpass',
    description: '`sshpass -p password`',
    source: `\\bsshpass[ \\t]{1,4}-p[ \\t]{0,4}(?<secret>${VALUE})`,
    flags: '',
  },
  {
    name: 'long-password-option',
    description: '`--password=pw`, `--password pw`, `--db-pass pw`',
    source: `--(?:[A-Za-z0-9]{1,20}-)?(?:password|passwd|pass|pwd)(?:[ \\t]{1,4}|=)(?<secret>${VALUE})`,
    flags: 'i',
    ignore: '^-',
  },
  {
    name: 'powershell-password',
    description: 'PowerShell `-Password pw`, `-AccountPassword pw`, `-Pass pw`',
    source: `(?:^|[ \\t])-[A-Za-z]{0,20}(?:Password|Passwd|Pass|Pwd)[ \\t]{1,4}(?<secret>${VALUE})`,
    flags: 'i',
    ignore: '^[-(]',
  },
  {
    name: 'slash-password',
    description: 'Windows-style `/p:pw`, `/pass:pw`, `/pwd:pw` (xfreerdp, cmdkey)',
    source: `(?:^|[ \\t"'])/(?:p|pass|pwd)[:=](?<secret>${VALUE})`,
    flags: 'i',
    // msbuild's `/p:Configuration=Release` sets a property.
    ignore: '^[A-Za-z_][A-Za-z0-9_.]{0,64}=',
  },
  {
    name: 'smbclient-user',
    description: '`-U user%password` (smbclient, rpcclient, pth-winexe)',
    source: '(?:^|[ \\t])-U[ \\t]{1,4}[\'"]?[^ \\t\\r\\n%\'"]{1,128}%(?<secret>[^ \\t\\r\\n\'"]{1,256})',
    flags: '',
  },
  {
    name: 'net-user',
    description: '`net user NAME PASSWORD` and `net use ... /user:NAME PASSWORD`',
    source:
      '\\bnet1?[ \\t]{1,4}user[ \\t]{1,4}(?:"[^"\\r\\n]{1,64}"|[^ \\t\\r\\n"/][^ \\t\\r\\n"]{0,63})[ \\t]{1,4}(?<secret>[^ \\t\\r\\n/*][^ \\t\\r\\n]{0,255})|\\bnet1?[ \\t]{1,4}use[ \\t][^\\r\\n]{0,200}?/user:[^ \\t\\r\\n]{1,128}[ \\t]{1,4}(?<secret2>[^ \\t\\r\\n/*][^ \\t\\r\\n]{0,255})',
    flags: 'i',
  },
];
