import { describe, expect, it } from 'vitest';
import { containsSecrets, findSecrets, REDACTION_MASK, redactEvidence, SECRET_PATTERNS } from './index.ts';
import {
  COMMAND_LINES,
  COMMAND_SECRETS,
  EXTRACTOR_INPUTS,
  GETUSERSPNS,
  GETUSERSPNS_SECRETS,
  MIMIKATZ,
  MIMIKATZ_SECRETS,
  ORDINARY,
  RESPONDER,
  RESPONDER_SECRETS,
  RUBEUS_KERBEROAST,
  RUBEUS_SECRETS,
  SECRETSDUMP,
  SECRETSDUMP_SECRETS,
} from './redact.samples.ts';

function expectGone(out: string, secrets: string[]) {
  for (const s of secrets) expect(out, `secret ${s} still visible`).not.toContain(s);
}

describe('redactEvidence', () => {
  it('masks secretsdump hashes, cached creds, Kerberos keys and LSA secrets but keeps users and structure', () => {
    const out = redactEvidence(SECRETSDUMP);
    expectGone(out, SECRETSDUMP_SECRETS);
    expect(out).toContain(`Administrator:500:${REDACTION_MASK}:::`);
    expect(out).toContain(`corp.local\\bob:1104:${REDACTION_MASK}::: (status=Enabled)`);
    expect(out).toContain(`CORP.LOCAL/tom:$DCC2$10240#tom#${REDACTION_MASK}: (2024-10-17 12:31:41)`);
    expect(out).toContain(`CORP\\WS01$:aes256-cts-hmac-sha1-96:${REDACTION_MASK}`);
    expect(out).toContain(`CORP\\svc_sql:${REDACTION_MASK}`);
    expect(out).toContain('[*] Dumping LSA Secrets');
    expect(containsSecrets(SECRETSDUMP)).toBe(true);
  });

  it('masks a wrapped Rubeus kerberoast hash up to its end and keeps the next block', () => {
    const out = redactEvidence(RUBEUS_KERBEROAST);
    expectGone(out, RUBEUS_SECRETS);
    // Rubeus wrapped this header inside the SPN; the header stays, the wrapped hash is one mask.
    expect(out).toContain('$krb5tgs$23$*sqlsvc$corp.local$MSSQLSvc/sql01.corp.local:143');
    expect(out).toContain(`3*$${REDACTION_MASK}\n\n[*] SamAccountName`);
    expect(out).toContain('[*] PwdLastSet             : 5/1/2024 10:00:00 AM');
    expect(out).toContain('[*] SamAccountName         : websvc');
  });

  it('masks GetUserSPNs (AES) and GetNPUsers tickets but keeps the SPN table', () => {
    const out = redactEvidence(GETUSERSPNS);
    expectGone(out, GETUSERSPNS_SECRETS);
    expect(out).toContain('MSSQLSvc/sql01.corp.local:1433  sqlsvc');
    expect(out).toContain(`$krb5tgs$18$sqlsvc$CORP.LOCAL$*CORP.LOCAL/sqlsvc*$${REDACTION_MASK}`);
    expect(out).toContain(`$krb5asrep$23$jdoe@CORP.LOCAL:${REDACTION_MASK}`);
  });

  it('masks Responder NetNTLMv2 and NetNTLMv1 responses but keeps user and domain', () => {
    const out = redactEvidence(RESPONDER);
    expectGone(out, RESPONDER_SECRETS);
    expect(out).toContain(`bob::CORP:${REDACTION_MASK}`);
    expect(out).toContain(`u4-netntlm::kNS:${REDACTION_MASK}`);
    expect(out).toContain('[SMB] NTLMv2-SSP Username : CORP\\bob');
  });

  it('masks mimikatz logonpasswords and dcsync output', () => {
    const out = redactEvidence(MIMIKATZ);
    expectGone(out, MIMIKATZ_SECRETS);
    expect(out).toContain(`* NTLM     : ${REDACTION_MASK}`);
    expect(out).toContain(`* Password : ${REDACTION_MASK}`);
    expect(out).toContain('* Password : (null)');
    expect(out).toContain('* Username : Administrator');
    expect(out).toContain('Logon Server      : (null)');
  });

  it('masks passwords and hashes in command lines, URLs, JSON, connection strings and crypt hashes', () => {
    const out = redactEvidence(COMMAND_LINES);
    expectGone(out, COMMAND_SECRETS);
    expect(out).toContain(`-u administrator -p ${REDACTION_MASK} --shares`);
    expect(out).toContain(`/user:bob /password:${REDACTION_MASK} /domain:corp.local`);
    expect(out).toContain(`net user backdoor ${REDACTION_MASK} /add /domain`);
    expect(out).toContain(`https://deploy:${REDACTION_MASK}@repo.corp.local/pkg`);
    expect(out).toContain(`"username": "svc", "password": ${REDACTION_MASK}}`);
    expect(out).toContain('$6$');
  });

  it.each(EXTRACTOR_INPUTS)('masks $name output and keeps its context', ({ text, secrets, kept }) => {
    const out = redactEvidence(text);
    expectGone(out, secrets);
    expect(out).toContain(kept);
    expect(out).toContain(REDACTION_MASK);
  });

  it('leaves ordinary evidence alone: file hashes in IOC lists, GUIDs, ports, IPv6, commands', () => {
    expect(redactEvidence(ORDINARY)).toBe(ORDINARY);
    expect(containsSecrets(ORDINARY)).toBe(false);
    expect(redactEvidence('')).toBe('');
  });

  it('reports which pattern found each span, for the credential extractors', () => {
    const names = new Set(findSecrets(`${SECRETSDUMP}\n${RESPONDER}`).map((s) => s.pattern));
    expect(names).toEqual(
      new Set([
        'lm-nt-pair',
        'empty-password-hash',
        'pwdump-row',
        'dcc2',
        'kerberos-key',
        'lsa-secret',
        'lsa-plaintext',
        'netntlm',
      ]),
    );
    expect(new Set(SECRET_PATTERNS.map((p) => p.name)).size).toBe(SECRET_PATTERNS.length);
  });

  it('handles 1 MB adversarial inputs (no catastrophic backtracking) and keeps them intact', () => {
    const mb = 1 << 20;
    const adversarial = [
      'a'.repeat(mb),
      'ab12'.repeat(mb / 4),
      ':'.repeat(mb),
      '::a'.repeat(mb / 3),
      `::${'a'.repeat(300)}`.repeat(mb / 302),
      '$krb5tgs$'.repeat(mb / 9),
      `$krb5tgs$23$*u$r$s*$${'x'.repeat(50)}`.repeat(mb / 70),
      '-----BEGIN PRIVATE KEY-----'.repeat(mb / 27),
      '/a:b'.repeat(mb / 4),
      ' -u x -u x'.repeat(mb / 10),
      'password password '.repeat(mb / 18),
      '\\\\'.repeat(mb / 2),
      `${'\n'.repeat(3)}CORP\\u:`.repeat(mb / 10),
      '$1$'.repeat(mb / 3),
      'NTLM : '.repeat(mb / 7),
      '\n'.repeat(mb),
      `\n${'0'.repeat(20)}`.repeat(mb / 21),
      'mysql '.repeat(mb / 6),
      'NT hash for '.repeat(mb / 12),
      `pth ${'a'.repeat(40)} `.repeat(mb / 46),
      'a\u200b'.repeat(mb / 2),
      `$krb5tgs$${'0'.repeat(16)}\n`.repeat(mb / 27),
      '-P '.repeat(mb / 3),
      '--pass '.repeat(mb / 7),
    ];
    for (const input of adversarial) {
      // Compared as a boolean: a failure must not print a megabyte.
      expect(redactEvidence(input) === input, `changed: ${input.slice(0, 30)}…`).toBe(true);
    }
    // A huge real-looking dump: every line masked, size stays close to the input.
    const line = 'user:1104:aad3b435b51404eeaad3b435b51404ee:8846f7eaee8fb117ad06bdd830b7586c:::\n';
    const dump = line.repeat(mb / line.length);
    const out = redactEvidence(dump);
    expect(out).not.toContain('8846f7eaee8fb117ad06bdd830b7586c');
    expect(out.split('\n').length).toBe(dump.split('\n').length);
    // A generous ceiling only so a regression to exponential backtracking fails instead of hanging.
  }, 60_000);
});
