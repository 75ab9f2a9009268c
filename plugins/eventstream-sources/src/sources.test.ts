import type { SourceResult } from '@steppingstones/plugin-sdk';
import { describe, expect, it } from 'vitest';
import plugin from './index.ts';

const point = (key: string) => plugin.eventstreamSources.find((p) => p.key === key)!;

/** Runs a source's parse as the host does: the file as one byte stream, the parameters parsed. */
async function run(key: string, text: string | Buffer, params: Record<string, unknown> = {}) {
  const p = point(key);
  const ctx = { params: p.paramsSchema ? p.paramsSchema.parse(params) : {} };
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const out: SourceResult[] = [];
  for await (const r of p.parse(ctx as never, {
    kind: 'stream',
    filename: 'x',
    stream: (async function* () {
      // Split mid-way, as a network read would.
      yield bytes.subarray(0, 7);
      yield bytes.subarray(7);
    })(),
  }))
    out.push(r);
  return {
    records: out.flatMap((r) => ('record' in r ? [r.record] : [])),
    errors: out.flatMap((r) => ('error' in r ? [r.error] : [])),
  };
}

const RULE = '**********************';
const transcript = [
  RULE,
  'Windows PowerShell transcript start',
  'Start time: 20240401170201',
  'Username: CORP\\alice',
  'RunAs User: CORP\\alice',
  'Machine: WS01 (Microsoft Windows NT 10.0.19045.0)',
  'Host Application: C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
  'Process ID: 4242',
  RULE,
  'Transcript started, output file is C:\\Users\\alice\\t.txt',
  RULE,
  'Command start time: 20240401170210',
  RULE,
  'PS C:\\> whoami',
  'corp\\alice',
  RULE,
  'Command start time: 20240401170215',
  RULE,
  'PS C:\\> Get-Process lsass',
  'Handles  NPM(K)    PM(K)      WS(K)     CPU(s)     Id  SI ProcessName',
  '   1500      30     9000      20000       1.2    700   0 lsass',
  '',
  RULE,
  'Windows PowerShell transcript end',
  'End time: 20240401170300',
  RULE,
  '',
].join('\r\n');

describe('powershell-transcript', () => {
  const expected = [
    { ts: '2024-04-01T17:02:10+00:00', s: { h: 'WS01', u: 'alice' }, e: 'PS C:\\> whoami\ncorp\\alice' },
    {
      ts: '2024-04-01T17:02:15+00:00',
      s: { h: 'WS01', u: 'alice' },
      e: expect.stringMatching(/^PS C:\\> Get-Process lsass\n.*\n.*lsass$/),
    },
  ];

  it('gives one line per command block, with or without the BOM; the start and end blocks give none', async () => {
    expect(await run('powershell-transcript', `\uFEFF${transcript}`)).toEqual({
      records: expected,
      errors: [],
    });
    expect(await run('powershell-transcript', transcript)).toEqual({ records: expected, errors: [] });
  });

  it('says what is wrong with a file that is not a transcript, or one without invocation headers', async () => {
    const notTranscript = await run('powershell-transcript', 'hello\nworld\n');
    expect(notTranscript.records).toEqual([]);
    expect(notTranscript.errors[0]!.message).toMatch(/not a PowerShell transcript/);
    const bare = [
      RULE,
      'Windows PowerShell transcript start',
      'Machine: WS01 (x)',
      RULE,
      'PS> whoami',
      'x',
      RULE,
    ].join('\n');
    expect((await run('powershell-transcript', bare)).errors[0]!.message).toMatch(/-IncludeInvocationHeader/);
  });
});

/** An exec_bof blob as bof_pack('zi', 'C:\\Windows', 1433) writes it. */
function bofBlob(): string {
  const z = Buffer.from('C:\\Windows\0', 'utf8');
  const body = Buffer.concat([
    Buffer.from(Uint32Array.of(z.length).buffer),
    z,
    Buffer.from(Int32Array.of(1433).buffer),
  ]);
  return Buffer.concat([Buffer.from(Uint32Array.of(body.length).buffer), body]).toString('base64');
}

const implant = {
  uid: 'imp1',
  hostname: 'WS02',
  username: 'CORP\\bob',
  proc_name: 'rundll32.exe',
  pid: 3100,
  ppid: 900,
  os: 'Windows 10',
  arch: 64,
  privilege: 200,
  recipe: 'r1',
  version: '7.1',
};
const log = (time: string, event: object) => `${time} UTC ${JSON.stringify(event)}`;
const longOutput = Array.from({ length: 400 }, (_, i) => `row ${i} ${'x'.repeat(20)}`).join('\n');
const outflank = [
  log('2026-07-10 14:42:49', { event_type: 'new_implant', implant }),
  log('2026-07-10 14:43:00', {
    event_type: 'task_request',
    implant,
    task: { uid: 't1', name: 'shell', arguments: 'whoami', operator: 'alice' },
  }),
  log('2026-07-10 14:43:05', {
    event_type: 'task_response',
    implant,
    task: {
      uid: 't1',
      name: 'shell',
      arguments: 'whoami',
      operator: 'alice',
      state: 500,
      response: 'corp\\bob',
      response_timestamp: '2026-07-10T14:43:04.851113',
    },
  }),
  log('2026-07-10 14:44:00', {
    event_type: 'task_request',
    implant,
    task: { uid: 't2', name: 'exec_bof', arguments: `zi ${bofBlob()}`, operator: 'alice' },
  }),
  log('2026-07-10 14:44:02', {
    event_type: 'task_response',
    implant,
    task: { uid: 't2', name: 'exec_bof', arguments: `zi ${bofBlob()}`, state: 500, response: longOutput },
  }),
  log('2026-07-10 14:45:00', {
    event_type: 'task_request',
    implant,
    task: { uid: 't3', name: 'ls', arguments: 'C:\\', operator: 'carol' },
  }),
  log('2026-07-10 14:46:00', {
    event_type: 'task_request',
    implant,
    task: { uid: 't4', name: 'rm', arguments: 'x' },
  }),
  log('2026-07-10 14:46:01', {
    event_type: 'task_response',
    implant,
    task: { uid: 't4', state: 400, response: 'failed' },
  }),
].join('\n');

describe('outflank-c2', () => {
  it('gives check-ins, commands with their responses, decoded BOF calls and unanswered tasks', async () => {
    const { records, errors } = await run('outflank-c2', outflank);
    expect(errors).toEqual([]);
    const source = { h: 'WS02', u: 'CORP\\bob', p: 'rundll32.exe (PID: 3100)' };
    expect(records[0]).toEqual({
      ts: '2026-07-10T14:42:49',
      d: 'Outflank C2 implant imp1 checked in. OS: Windows 10, Arch: x64, Privilege: Medium, Process: rundll32.exe (PID: 3100, PPID: 900), Recipe: r1, Version: 7.1',
      s: source,
    });
    expect(records[1]).toEqual({
      ts: '2026-07-10T14:43:00',
      te: '2026-07-10T14:43:04',
      op: 'alice',
      s: source,
      e: '> shell whoami\ncorp\\bob',
    });
    const bof = records[2] as { e: string };
    expect(bof.e.split('\n')[0]).toBe('> exec_bof zi "C:\\Windows" 1433');
    expect(Buffer.byteLength(bof.e)).toBeLessThanOrEqual(4096);
    expect(bof.e).toMatch(/\[\.\.\. 391 lines omitted, \d+ bytes total \.\.\.\]/);
    expect(bof.e.endsWith(`row 399 ${'x'.repeat(20)}`)).toBe(true);
    // The unanswered task is kept; the failed one is dropped.
    expect(records[3]).toEqual({ ts: '2026-07-10T14:45:00', op: 'carol', s: source, e: '> ls C:\\' });
    expect(records).toHaveLength(4);
  });

  it('reports lines it cannot read, and reads nothing from a file that is not an implant log', async () => {
    const { records, errors } = await run('outflank-c2', 'just text\n');
    expect(records).toEqual([]);
    expect(errors).toEqual([{ line: 1, message: expect.stringMatching(/not an Outflank C2 log line/) }]);
  });
});

describe('bash-history', () => {
  it('reads bash history with HISTTIMEFORMAT timestamps, host and user from the parameters', async () => {
    const text = '#1700000000\nwhoami\n#1700000060\nfor i in 1 2; do\n  echo $i\ndone\n';
    const { records, errors } = await run('bash-history', text, { host: 'web01', user: 'root' });
    expect(errors).toEqual([]);
    expect(records).toEqual([
      { ts: '2023-11-14T22:13:20.000Z', s: { p: 'bash', h: 'web01', u: 'root' }, e: 'whoami' },
      {
        ts: '2023-11-14T22:14:20.000Z',
        s: { p: 'bash', h: 'web01', u: 'root' },
        e: 'for i in 1 2; do\n  echo $i\ndone',
      },
    ]);
  });

  it('reads zsh extended history, with elapsed time and continued lines', async () => {
    const text = ': 1700000000:0;id\n: 1700000005:3;sleep 3\n: 1700000010:0;echo a \\\necho b\n';
    const { records } = await run('bash-history', text, { host: 'kali' });
    expect(records).toEqual([
      { ts: '2023-11-14T22:13:20.000Z', s: { p: 'zsh', h: 'kali' }, e: 'id' },
      {
        ts: '2023-11-14T22:13:25.000Z',
        te: '2023-11-14T22:13:28.000Z',
        s: { p: 'zsh', h: 'kali' },
        e: 'sleep 3',
      },
      { ts: '2023-11-14T22:13:30.000Z', s: { p: 'zsh', h: 'kali' }, e: 'echo a \necho b' },
    ]);
  });

  it('refuses a history without timestamps', async () => {
    const { records, errors } = await run('bash-history', 'ls\ncd /\n');
    expect(records).toEqual([]);
    expect(errors[0]!.message).toMatch(/no timestamps found/);
  });
});
