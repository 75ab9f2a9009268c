import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';

/** A team server's `logs/` across a year end, as the import tests and the route tests upload it. */
export const C2_FIXTURE_FILES: Record<string, string> = {
  'logs/261231/203.0.113.7/beacon_1234.log': [
    '12/31 23:50:01 UTC [metadata] 203.0.113.7 <- 10.0.0.5; computer: WS01; user: alice *; process: rundll32.exe; pid: 4242; os: Windows; version: 10.0; build: 19045; beacon arch: x64 (x64)',
    '12/31 23:50:30 UTC [input] <neo> \x034hashdump\x0f',
    '12/31 23:50:30 UTC [task] <T1003.002> Tasked beacon to dump hashes',
    '12/31 23:50:35 UTC [checkin] host called home, sent: 82541 bytes',
    '12/31 23:50:40 UTC [output]',
    'received output:',
    'Administrator:500:aad3b435b51404eeaad3b435b51404ee:fc525c9683e8fe067095ba2ddc971889:::',
    '12/31 23:51:00 UTC [input] <neo> sleep 60 20',
    '12/31 23:51:00 UTC [task] <T1029> Tasked beacon to sleep for 60s (20% jitter)',
    '12/31 23:59:05 UTC [input] <trinity> upload /tmp/x.exe',
    '12/31 23:59:05 UTC [task] <T1105> Tasked beacon to upload /tmp/x.exe as x.exe',
    '12/31 23:59:06 UTC [indicator] file: 0123456789abcdef0123456789abcdef 1024 bytes x.exe',
  ].join('\n'),
  'logs/261231/10.0.0.6/beacon_5678.log': [
    '12/31 23:55:00 UTC [metadata] beacon_1234 -> 10.0.0.6; computer: SRV02; user: SYSTEM *; process: spoolsv.exe; pid: 1312; os: Windows; version: 10.0; build: 20348; beacon arch: x64 (x64)',
    '12/31 23:55:10 UTC [input] <neo> shell whoami',
    '12/31 23:55:10 UTC [task] <T1059.003> Tasked beacon to run: whoami',
    '12/31 23:55:15 UTC [output]',
    'received output:',
    'nt authority\\system',
  ].join('\n'),
  'logs/261231/downloads.log':
    '12/31 23:58:00 UTC\t10.0.0.5\t1234\t2048\t/opt/cs/downloads/abc\tsecrets.kdbx\tC:\\Users\\alice\\\n',
  'logs/270101/203.0.113.7/beacon_1234.log': [
    '01/01 00:10:00 UTC [input] <neo> ls',
    '01/01 00:10:00 UTC [task] <T1083> Tasked beacon to list files in .',
    '01/01 00:10:05 UTC [output]',
    'received output:',
    'C:\\Users\\alice\\*',
  ].join('\n'),
  'logs/270101/10.0.0.9/ssh_77.log': [
    '01/01 01:00:00 UTC [metadata] beacon_5678 -> 10.0.0.9; computer: lnx01; user: root; process: sshd; pid: 22; os: Linux; port: 22',
    '01/01 01:00:10 UTC [input] <morpheus> shell id',
    '01/01 01:00:10 UTC [task] Tasked SSH session to run: id',
    '01/01 01:00:11 UTC [output]',
    'uid=0(root) gid=0(root)',
  ].join('\n'),
  'logs/270101/downloads.log':
    '01/01 00:20:00 UTC\t10.0.0.6\t5678\t10\t/opt/cs/downloads/def\tnotes.txt\tC:\\Temp\\\n',
  'logs/270101/10.0.0.10/beacon_999.log': '',
  'logs/270101/events.log': '01/01 00:00:00 UTC *** neo joined\n',
};

/** A tar of the files (and one member whose path leaves the archive). */
export async function c2Tar(files: Record<string, string> = C2_FIXTURE_FILES): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c) => {
    chunks.push(c as Buffer);
  });
  const done = new Promise<void>((resolve) => pack.on('end', () => resolve()));
  for (const [name, text] of Object.entries(files)) pack.entry({ name }, text);
  pack.entry({ name: '../outside/beacon_1.log' }, '12/31 23:59:59 UTC [checkin] x');
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

export async function c2TarGz(files?: Record<string, string>): Promise<Buffer> {
  return gzipSync(await c2Tar(files));
}
