import { CONTEXT_EMPTY_MESSAGE, type EventDto } from '@steppingstones/shared/events';
import { describe, expect, it } from 'vitest';
import { emptyFileRow, initialValues, toRequestBody } from './form-values.ts';

const ctx = (id: number, host: string, user = '') => ({
  id,
  host,
  user,
  process: '',
  red_team_infrastructure: false,
  colour: '#123456',
});
const stored: EventDto = {
  id: 7,
  engagement: 'ACME',
  timestamp: '2026-11-20T13:05:37.250Z',
  timestamp_end: null,
  operator: 'alice',
  source: ctx(1, 'KALI-01', 'op'),
  target: ctx(2, 'WS-042', 'ACME\\jsmith'),
  mitre_attack_tactic: 'TA0006',
  mitre_attack_technique: 'T1003',
  mitre_attack_subtechnique: 'T1003.001',
  mitre_attack_label: 'T1003.001 OS Credential Dumping - LSASS Memory',
  description: 'Dumped LSASS',
  raw_evidence: 'procdump',
  outcome: '',
  detected: 'FUL',
  prevented: 'NEG',
  starred: false,
  tags: ['creds'],
  files: [
    {
      id: 3,
      file_id: 9,
      filename: 'p.exe',
      size: 10,
      md5: null,
      sha1: null,
      sha256: null,
      description: null,
      location: 'C:\\t',
      removed: false,
    },
  ],
  attachment_count: 0,
  attachments: [],
  comment_count: 0,
  version: 4,
  created_by: 'alice',
  created_at: '2026-11-20T13:05:40Z',
  updated_by: 'alice',
  updated_at: '2026-11-20T13:05:40Z',
};
const me = { username: 'bob' };

describe('event form values', () => {
  it('sends an untouched stored time back exactly (milliseconds kept), a changed one from wall time + zone', () => {
    const v = initialValues('edit', stored, me, 'Europe/Berlin');
    expect(v.timestamp.wall).toBe('2026-11-20T14:05:37');
    expect(toRequestBody(v, 'ACME').body?.timestamp).toBe('2026-11-20T13:05:37.250Z');
    const changed = { ...v, timestamp: { ...v.timestamp, wall: '2026-11-20T14:05:38' } };
    expect(toRequestBody(changed, 'ACME').body?.timestamp).toBe('2026-11-20T13:05:38.000Z');
  });

  it('refuses a skipped time and an unresolved repeated time before sending', () => {
    const v = initialValues('new', null, me, 'Europe/Berlin');
    const base = {
      ...v,
      description: 'x',
      source: { ...v.source, host: 'a' },
      target: { ...v.target, host: 'b' },
    };
    const gap = toRequestBody(
      { ...base, timestamp: { ...v.timestamp, wall: '2026-03-29T02:30:00' } },
      'ACME',
    );
    expect(gap.errors?.timestamp).toMatch(/does not exist/);
    const twice = toRequestBody(
      { ...base, timestamp: { ...v.timestamp, wall: '2026-10-25T02:30:00' } },
      'ACME',
    );
    expect(twice.errors?.timestamp).toMatch(/happens twice/);
    const chosen = toRequestBody(
      {
        ...base,
        timestamp: { ...v.timestamp, wall: '2026-10-25T02:30:00', chosenUtcMs: Date.UTC(2026, 9, 25, 1, 30) },
      },
      'ACME',
    );
    expect(chosen.body?.timestamp).toBe('2026-10-25T01:30:00.000Z');
  });

  it('needs a description and a source and target, with the messages of the server schema', () => {
    const r = toRequestBody(initialValues('new', null, me, 'UTC'), 'ACME');
    expect(r.errors).toMatchObject({
      description: 'This field is required.',
      source: `${CONTEXT_EMPTY_MESSAGE}.`,
      target: `${CONTEXT_EMPTY_MESSAGE}.`,
    });
  });

  it('checks file hashes with the server schema, beside the file row', () => {
    const v = initialValues('edit', stored, me, 'UTC');
    const row = v.files[0]!;
    const r = toRequestBody({ ...v, files: [{ ...row, editShared: true, md5: 'xyz' }] }, 'ACME');
    expect(r.errors).toEqual({
      [`files.${row.key}.md5`]: 'Must be 32 hexadecimal characters (an MD5 hash).',
    });
  });

  it('a lateral move starts from the target; a clone copies everything but the time', () => {
    const lateral = initialValues('lateral', stored, me, 'UTC');
    expect(lateral.source).toMatchObject({ host: 'WS-042', user: 'ACME\\jsmith' });
    expect(lateral.target.host).toBe('');
    expect(lateral.description).toBe('');
    // Whoever moves on from the target is the operator of the new event, not the one who got there.
    expect(lateral.operator).toBe(me.username);
    const clone = initialValues('clone', stored, me, 'UTC');
    expect(clone.timestamp.original).toBeNull();
    expect(clone).toMatchObject({
      description: 'Dumped LSASS',
      tags: ['creds'],
      subtechnique: 'T1003.001',
      operator: 'alice',
    });
    expect(clone.files).toHaveLength(1);
  });

  it('references a known file by id, sends details when new or edited in place, skips blank rows', () => {
    const v = initialValues('edit', stored, me, 'UTC');
    const known = v.files[0];
    if (!known) throw new Error('no file row');
    const fresh = { ...emptyFileRow(), filename: 'b.exe', size: '45', md5: 'AB'.repeat(16) };
    const body = toRequestBody(
      { ...v, files: [known, emptyFileRow(), fresh, { ...known, editShared: true }] },
      'ACME',
    );
    expect(body.body?.files).toEqual([
      { file_id: 9, location: 'C:\\t', removed: false },
      expect.objectContaining({ filename: 'b.exe', size: 45, md5: 'AB'.repeat(16) }),
      expect.objectContaining({ file_id: 9, filename: 'p.exe' }),
    ]);
    expect(body.body?.files?.[1]).not.toHaveProperty('file_id');
    expect(body.fileKeys).toHaveLength(3);
  });
});
