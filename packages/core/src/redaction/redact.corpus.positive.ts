// Positive samples: each text holds secrets (made up; shapes are the tools' own) that a reader without
// `credential.view` must not see. `secrets` lists what must be gone from the redacted text.

export interface PositiveSample {
  text: string;
  secrets: string[];
}

const NT = '8846f7eaee8fb117ad06bdd830b7586c';
const EMPTY_NT = '31d6cfe0d16ae931b73c59d7e0c089c0';
const LM = 'aad3b435b51404eeaad3b435b51404ee';
const NBSP = '\u00a0';
const ZWSP = '\u200b';
const FW_COLON = '\uff1a';
const KRB_DATA = 'a3f1c2d4e5b6978812ab34cd56ef7890'.repeat(6);

const p = (text: string, ...secrets: string[]): PositiveSample => ({ text, secrets });

export const POSITIVE_SAMPLES: PositiveSample[] = [
  // Cracked pairs as hashcat / john print them.
  p(`${NT}:Summer2024!`, NT, 'Summer2024!'),
  p(`${EMPTY_NT}:`, EMPTY_NT),
  p(`administrator:${NT}:Winter2025`, NT, 'Winter2025'),
  p(`5f4dcc3b5aa765d61d8327deb882cf99:password`, '5f4dcc3b5aa765d61d8327deb882cf99', ':password'),
  p(`e52cac67419a9a224a3b108f3fa6cb6d:Pa55 with spaces`, 'Pa55 with spaces'),
  p(`aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d:hello1`, 'hello1'),
  p(`  b4b9b02e6f09a9bd760f388b67351e2b:Letmein!`, 'Letmein!'),
  p(`Administrator:Password1:500:${LM}:${NT}:::`, 'Password1', NT),
  p(
    `bob::CORP:1122334455667788:9B1C0E3F6A2D4B5C8E7F9A0B1C2D3E4F:0101000000000000C0653150DE09D201:Spring2025!`,
    '9B1C0E3F6A2D4B5C8E7F9A0B1C2D3E4F',
    'Spring2025!',
  ),
  p(
    `u4-netntlm::kNS:338d08f8e26de93300000000000000000000000000000000:9526fb8c23a90751cdd619b6cea564742e1e4bf33006ba41:cb8086049ec4736c:hashcat`,
    '9526fb8c23a90751cdd619b6cea564742e1e4bf33006ba41',
    ':hashcat',
  ),
  p(
    `$krb5tgs$23$*svc_sql$CORP.LOCAL$MSSQLSvc/sql01*$0f1e2d3c4b5a69788796a5b4c3d2e1f0$${KRB_DATA}:Sqlsvc2024!`,
    KRB_DATA.slice(0, 40),
    'Sqlsvc2024!',
  ),
  p(
    `$krb5asrep$23$jdoe@CORP.LOCAL:0f1e2d3c4b5a69788796a5b4c3d2e1f0$${KRB_DATA}:Jdoe!pass`,
    KRB_DATA.slice(10, 50),
    'Jdoe!pass',
  ),
  p(
    `$DCC2$10240#tom#e4e938d12fe5974dc42a90120bd9c90f:Tommy2023`,
    'e4e938d12fe5974dc42a90120bd9c90f',
    'Tommy2023',
  ),
  p(`$NT$${NT}:Welcome1`, NT, 'Welcome1'),
  // pwdump rows: NO PASSWORD and an empty LM field.
  p(`Guest:501:NO PASSWORD*********************:NO PASSWORD*********************:::`, 'NO PASSWORD*'),
  p(`Administrator:500:NO PASSWORD*********************:${NT}:::`, NT),
  p(`Guest:501::${EMPTY_NT}:::`, EMPTY_NT),
  p(`svc_web:1107::${NT}:::`, NT),
  p(`HelpAssistant:1000:${LM}:${EMPTY_NT}:::`, EMPTY_NT),
  p(`Guest:501:${LM}:${EMPTY_NT}:::`, EMPTY_NT),
  p(`empty NT ${EMPTY_NT.toUpperCase()} seen for Guest`, EMPTY_NT.toUpperCase()),
  p(`${EMPTY_NT}`, EMPTY_NT),
  // NT hashes named in text.
  p(`NTLM hash ${NT}`, NT),
  p(`Got the NTLM hash ${NT} from lsass`, NT),
  p(`NT hash for bob is ${NT}`, NT),
  p(`ntlm ${NT}`, NT),
  p(`NT hash: ${NT}`, NT),
  p(`LM hash = ${LM}`, LM),
  p(`Hash NTLM: ${NT}`, NT),
  p(`NTLM hashes ${NT}`, NT),
  // Kerberos hashes, wrapped without indentation.
  p(
    `$krb5tgs$23$*svc$CORP$http/web*$0f1e2d3c4b5a69788796a5b4c3d2e1f0$${KRB_DATA.slice(0, 64)}\n${KRB_DATA.slice(64, 128)}\n${KRB_DATA.slice(128)}\n\nNext line stays`,
    KRB_DATA.slice(0, 64),
    KRB_DATA.slice(64, 128),
    KRB_DATA.slice(128),
  ),
  p(
    `$krb5tgs$18$svc$CORP.LOCAL$*CORP.LOCAL/svc*$0f1e2d3c4b5a69788796a5b4$${KRB_DATA.slice(0, 80)}\r\n${KRB_DATA.slice(80)}`,
    KRB_DATA.slice(0, 80),
    KRB_DATA.slice(80),
  ),
  p(
    `$krb5asrep$23$bob@CORP:0f1e2d3c4b5a69788796a5b4c3d2e1f0$${KRB_DATA.slice(0, 50)}\n${KRB_DATA.slice(50, 120)}`,
    KRB_DATA.slice(50, 120),
  ),
  p(
    `[*] Hash : $krb5tgs$23$*u$R$s/h*$0f1e2d3c4b5a69788796a5b4c3d2e1f0$${KRB_DATA.slice(0, 60)}\n          ${KRB_DATA.slice(60, 140)}`,
    KRB_DATA.slice(60, 140),
  ),
  p(`$krb5pa$18$user$CORP.LOCAL$${KRB_DATA.slice(0, 104)}`, KRB_DATA.slice(0, 104)),
  // Password labels with look-alike separators.
  p(`Password${NBSP}: Hunter2!`, 'Hunter2!'),
  p(`password${NBSP}${NBSP}:${NBSP}Tr0ub4dor`, 'Tr0ub4dor'),
  p(`Password${FW_COLON} Sekrit-77`, 'Sekrit-77'),
  p(`password${FW_COLON}Sekrit-78`, 'Sekrit-78'),
  p(`pass${ZWSP}word: Zw-Pass-1`, 'Zw-Pass-1'),
  p(`Password${ZWSP}: Zw-Pass-2`, 'Zw-Pass-2'),
  p(`Password:${ZWSP}Zw-Pass-3`, 'Zw-Pass-3'),
  p(`Password:\nNextLine-Pass1`, 'NextLine-Pass1'),
  p(`Password:\r\n    Indented-Pass2`, 'Indented-Pass2'),
  p(`Password :\n\tTabbed-Pass3`, 'Tabbed-Pass3'),
  // Short labels and prose.
  p(`pass: Autumn-11`, 'Autumn-11'),
  p(`pass:Autumn-12`, 'Autumn-12'),
  p(`pw: Autumn-13`, 'Autumn-13'),
  p(`pw:Autumn-14`, 'Autumn-14'),
  p(`creds: CORP\\bob / Autumn-15`, 'Autumn-15'),
  p(`Creds: bob:Autumn-16`, 'Autumn-16'),
  p(`cred: Autumn-17`, 'Autumn-17'),
  p(`credentials: admin / Autumn-18`, 'Autumn-18'),
  p(`the password is Autumn-19`, 'Autumn-19'),
  p(`Password is 'Quoted Pass 20'`, 'Quoted Pass 20'),
  p(`the password for svc_backup is Backup#2024`, 'Backup#2024'),
  p(`The password for the svc_sql account is SqlSvc!99 and it never expires`, 'SqlSvc!99'),
  p(`password of administrator was P4ssw0rd!`, 'P4ssw0rd!'),
  p(`Bob's password was changed to NewPass!1 yesterday`, 'NewPass!1'),
  p(`password is: Colon-After-Is`, 'Colon-After-Is'),
  p(`creds are bob/Pass-In-Prose`, 'bob/Pass-In-Prose'),
  p(`passphrase is hunter22`, 'hunter22'),
  p(`NetworkAccessPassword: Naa-Pass-9`, 'Naa-Pass-9'),
  p(`client_secret: 8f2b1c9d-oauth-secret`, '8f2b1c9d-oauth-secret'),
  p(`{"user":"svc","password":"JsonNoSpace1"}`, 'JsonNoSpace1'),
  p(`DB_PASSWORD=EnvFile-Pass1`, 'EnvFile-Pass1'),
  p(`passwd = IniStyle-Pass`, 'IniStyle-Pass'),
  // Command-line secrets.
  p(`xfreerdp /v:10.0.0.5 /u:admin /p:Rdp-Pass-1 /cert:ignore`, 'Rdp-Pass-1'),
  p(`cmdkey /generic:TERMSRV/srv01 /user:admin /pass:Cmdkey-Pass`, 'Cmdkey-Pass'),
  p(`sqlcmd -S db01 -U sa -P SqlCmd-Pass1`, 'SqlCmd-Pass1'),
  p(`psexec \\\\srv01 -u CORP\\admin -p PsExec-Pass cmd`, 'PsExec-Pass'),
  p(`mysql -h db01 -u root -pMyRootPw1 appdb`, 'MyRootPw1'),
  p(`mysqldump -uroot -pDumpPw2 --all-databases`, 'DumpPw2'),
  p(`7z x loot.7z -pArchivePw3`, 'ArchivePw3'),
  p(`sshpass -p SshPass-4 ssh root@10.0.0.9`, 'SshPass-4'),
  p(`sshpass -p 'Ssh Pass 5' scp a root@h:`, 'Ssh Pass 5'),
  p(`ldapsearch --password=Ldap-Pass6 -b dc=corp`, 'Ldap-Pass6'),
  p(`tool --password Ldap-Pass7 --verbose`, 'Ldap-Pass7'),
  p(`certipy req --db-pass Db-Pass8`, 'Db-Pass8'),
  p(`New-LocalUser -Name bd -Password Ps-Pass9`, 'Ps-Pass9'),
  p(`Invoke-Thing -Username admin -Password 'Ps Pass 10'`, 'Ps Pass 10'),
  p(`$cred = ConvertTo-SecureString 'SecStr-11' -AsPlainText -Force`, 'SecStr-11'),
  p(`New-ADUser bob -AccountPassword (ConvertTo-SecureString "SecStr-12" -AsPlainText -Force)`, 'SecStr-12'),
  p(`hydra -l admin -p Hydra-Pass13 ssh://10.0.0.1`, 'Hydra-Pass13'),
  p(`nxc smb 10.0.0.0/24 -u admin -p 'Nxc Pass 14'`, 'Nxc Pass 14'),
  p(`runas /user:admin /password:Runas-15 cmd`, 'Runas-15'),
  p(`smbclient //fs01/c$ -U admin%Smb-Pass16`, 'Smb-Pass16'),
  p(`net user backdoor Net-Pass17 /add`, 'Net-Pass17'),
  p(`net use \\\\fs01\\share /user:CORP\\bob NetUse-18`, 'NetUse-18'),
  p(`curl -u admin https://svc:Url-Pass19@api.corp.local/`, 'Url-Pass19'),
  p(`wmiexec.py corp/admin:Impk-Pass20@10.0.0.5`, 'Impk-Pass20'),
  // secretsdump, Cobalt Strike and mimikatz.
  p(`[*] _SC_GUPDATE\n(Unknown User):Unknown-Pass21`, 'Unknown-Pass21'),
  p(`(Unknown User):${NT}`, NT),
  p(`CORP\\svc_task:Task-Pass22`, 'Task-Pass22'),
  p(`beacon> pth CORP\\admin ${NT}`, NT),
  p(`pth .\\localadmin ${NT}`, NT),
  p(`kerberos::golden /user:Administrator /domain:corp.local /sid:S-1-5-21-1-2-3 /krbtgt:${NT} /ptt`, NT),
  p(`sekurlsa::pth /user:admin /domain:corp /ntlm:${NT}`, NT),
  p(`Rubeus.exe asktgt /user:admin /aes256:${KRB_DATA.slice(0, 64)}`, KRB_DATA.slice(0, 64)),
  p(`impacket-psexec -hashes :${NT} admin@10.0.0.5`, NT),
  p(`evil-winrm -i 10.0.0.5 -u admin -H ${NT}`, NT),
  p(`\t * NTLM     : ${NT}`, NT),
  p(`    ntlm- 0: ${NT}`, NT),
  p(`CORP\\WS01$:aes256-cts-hmac-sha1-96:${KRB_DATA.slice(0, 64)}`, KRB_DATA.slice(0, 64)),
  p(`cur/text: Lsa-Secret-23`, 'Lsa-Secret-23'),
  p(`ALTER USER app IDENTIFIED BY Oracle-24`, 'Oracle-24'),
  p(
    `-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n-----END RSA PRIVATE KEY-----`,
    'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
  ),
  p(`root:$6$saltsalt$K1H7p2Wk0kfq0Ss6vLr/8kzZcI4v9RqYx6bEJm0s1o2:19000:0:99999:7:::`, 'K1H7p2Wk0kfq0Ss6vLr'),
  p(`userPassword: {SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=`, 'W6ph5Mm5Pz8GgiULbPgzG37mj9g='),
  p(
    `[*] base64(ticket.kirbi):\n      doIFuj${'CCBbagAwIBBaEDAgEWooIEsjCCBK5hggSqMIIEpqADAgEFoQ8bDUNPUlAu'.repeat(2)}`,
    'CCBbagAwIBBaEDAgEWooIEsjCCBK5hggSqMIIEpqADAgEFoQ8bDUNPUlAu',
  ),
  p(
    `{5d1c9b3a-1f2e-4c3d-8a9b-0c1d2e3f4a5b}:0A1B2C3D4E5F60718293A4B5C6D7E8F901234567`,
    '0A1B2C3D4E5F60718293A4B5C6D7E8F901234567',
  ),
  p(`Secret  : _SC_MSSQL / service with username : CORP\\svc_sql\ncur/hex : 41 00 42 00`, '41 00 42 00'),
];
