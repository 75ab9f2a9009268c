import type {
  C2ActionRecord,
  C2CheckinRecord,
  C2DownloadRecord,
  C2SessionRecord,
} from '@steppingstones/plugin-sdk';
import { describe, expect, it } from 'vitest';
import { parseCobaltStrikeFile } from './index.ts';

const utc = (s: string) => Date.parse(s);

const BEACON = [
  '12/31 23:58:01 UTC [metadata] 203.0.113.7 <- 10.0.0.5; computer: WS01; user: alice *; process: rundll32.exe; pid: 4242; os: Windows; version: 10.0; build: 19045; beacon arch: x64 (x64); colour: odd',
  '12/31 23:58:30 UTC [input] <neo> \x034hashdump\x0f',
  '12/31 23:58:30 UTC [task] <T1003.002, T1055> Tasked beacon to dump hashes',
  '12/31 23:58:35 UTC [checkin] host called home, sent: 82541 bytes',
  '12/31 23:58:40 UTC [output]',
  'received output:',
  'Administrator:500:aad3b435b51404eeaad3b435b51404ee:31d6cfe0d16ae931b73c59d7e0c089c0:::',
  '12/31 23:59:00 UTC [input] <neo> sleep 60 20',
  '12/31 23:59:00 UTC [task] <T1029> Tasked beacon to sleep for 60s (20% jitter)',
  '12/31 23:59:01 UTC [output]',
  'late output of hashdump',
  '01/01 00:00:05 UTC [input] <trinity> upload /tmp/x.exe',
  '01/01 00:00:05 UTC [task] <T1105> Tasked beacon to upload /tmp/x.exe as x.exe',
  '01/01 00:00:06 UTC [indicator] file: 0123456789abcdef0123456789abcdef 1024 bytes x.exe',
  '01/01 00:00:07 UTC [error] could not upload file: 5',
].join('\n');

describe('the Cobalt Strike log parser', () => {
  it('reads a beacon log into its session and operator actions, the year from the folder', () => {
    const { records, rejected } = parseCobaltStrikeFile('logs/261231/10.0.0.5/beacon_1234.log', BEACON);
    expect(rejected).toEqual([]);
    const session = records[0] as C2SessionRecord;
    expect(session).toMatchObject({
      externalId: '1234',
      kind: 'beacon',
      external: '203.0.113.7',
      internal: '10.0.0.5',
      host: 'WS01',
      user: 'alice',
      isAdmin: true,
      process: 'rundll32.exe',
      pid: 4242,
      os: 'Windows',
      osBuild: '19045',
      arch: 'x64',
      firstSeen: utc('2026-12-31T23:58:01Z'),
      lastSeen: utc('2027-01-01T00:00:07Z'),
      sleep: { seconds: 60, jitterPercent: 20, at: utc('2026-12-31T23:59:00Z') },
    });
    const actions = records.filter((r) => r.type === 'action') as C2ActionRecord[];
    expect(actions.map((a) => [a.operator, a.input, a.task, a.attackIds, a.output, a.errors])).toEqual([
      [
        'neo',
        'hashdump',
        'Tasked beacon to dump hashes',
        ['T1003.002', 'T1055'],
        'Administrator:500:aad3b435b51404eeaad3b435b51404ee:31d6cfe0d16ae931b73c59d7e0c089c0:::\nlate output of hashdump',
        '',
      ],
      ['neo', 'sleep 60 20', 'Tasked beacon to sleep for 60s (20% jitter)', ['T1029'], '', ''],
      [
        'trinity',
        'upload /tmp/x.exe',
        'Tasked beacon to upload /tmp/x.exe as x.exe',
        ['T1105'],
        '',
        'could not upload file: 5',
      ],
    ]);
    expect(actions[2]?.start).toBe(utc('2027-01-01T00:00:05Z'));
    expect(actions[2]?.indicators).toEqual(['file: 0123456789abcdef0123456789abcdef 1024 bytes x.exe']);
    // Each moment the beacon called home (metadata, check-in, output, error), with the sleep then.
    const checkins = records.filter((r) => r.type === 'checkin') as C2CheckinRecord[];
    const slept = { seconds: 60, jitterPercent: 20 };
    expect(checkins.map((c) => [new Date(c.at).toISOString(), c.sleep])).toEqual([
      ['2026-12-31T23:58:01.000Z', null],
      ['2026-12-31T23:58:35.000Z', null],
      ['2026-12-31T23:58:40.000Z', null],
      ['2026-12-31T23:59:01.000Z', slept],
      ['2027-01-01T00:00:07.000Z', slept],
    ]);
    expect(checkins.every((c) => c.sessionExternalId === '1234')).toBe(true);
  });

  it.each([
    [
      'an SSH log',
      'logs/270101/10.0.0.9/ssh_77.log',
      '01/01 10:00:00 UTC [metadata] beacon_1234 -> 10.0.0.9; computer: srv; user: root; process: sshd; pid: 22; os: Linux; port: 22',
      { kind: 'ssh', parentExternalId: '1234', internal: '10.0.0.9', osVersion: '0.0', user: 'root' },
    ],
    [
      'a January folder with a December entry',
      'logs/270101/1.2.3.4/beacon_5.log',
      '12/31 23:59:59 UTC [checkin] host called home',
      { firstSeen: utc('2026-12-31T23:59:59Z') },
    ],
  ])('reads %s', (_name, path, text, expected) => {
    const { records, rejected } = parseCobaltStrikeFile(path, text);
    expect(rejected).toEqual([]);
    expect(records[0]).toMatchObject(expected);
  });

  it.each([
    ['an empty log', 'logs/261231/1.2.3.4/beacon_9.log', '', 'the log is empty'],
    [
      'text without dated entries',
      'logs/261231/1.2.3.4/beacon_9.log',
      'garbage\n',
      'no dated log entry found',
    ],
    [
      'a log outside a day folder',
      'beacon_9.log',
      '12/31 23:59:59 UTC [checkin] x',
      'not inside a YYMMDD day folder',
    ],
    ['a bad downloads line', 'logs/261231/downloads.log', 'oops', 'separated by tabs'],
  ])('reports %s as rejected, never throws', (_name, path, text, reason) => {
    const { rejected } = parseCobaltStrikeFile(path, text);
    expect(rejected.map((r) => r.reason).join(' ')).toContain(reason);
  });

  it('reads downloads.log', () => {
    const { records } = parseCobaltStrikeFile(
      'logs/261231/downloads.log',
      '12/31 23:50:00 UTC\t10.0.0.5\t1234\t2048\t/opt/cs/downloads/abc\tsecrets.kdbx\tC:\\Users\\alice\\\n',
    );
    expect(records as C2DownloadRecord[]).toEqual([
      {
        type: 'download',
        sessionExternalId: '1234',
        at: utc('2026-12-31T23:50:00Z'),
        size: 2048,
        path: '/opt/cs/downloads/abc',
        name: 'secrets.kdbx',
        remotePath: 'C:\\Users\\alice\\',
      },
    ]);
  });
});
