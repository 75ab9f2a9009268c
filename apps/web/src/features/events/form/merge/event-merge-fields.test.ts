import type { EventDto } from '@steppingstones/shared/events';
import { describe, expect, it } from 'vitest';
import { initialValues, toRequestBody } from '../form-values.ts';
import {
  applyChoices,
  comparableValues,
  displayValue,
  EVENT_MERGE_FIELDS,
  LIMITED_MERGE_FIELDS,
} from './event-merge-fields.ts';
import { diffThreeWay, initialChoices } from './three-way.ts';

const ctx = (id: number, host: string, user = '') => ({
  id,
  host,
  user,
  process: '',
  red_team_infrastructure: false,
  colour: '#123456',
});
const base: EventDto = {
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
  raw_evidence: 'procdump -ma lsass.exe',
  outcome: '',
  detected: 'UNK',
  prevented: 'NEG',
  starred: false,
  tags: ['creds', 'lsass'],
  files: [],
  attachment_count: 0,
  attachments: [],
  comment_count: 0,
  version: 4,
  created_by: 'alice',
  created_at: '2026-11-20T13:05:40Z',
  updated_by: 'alice',
  updated_at: '2026-11-20T13:05:40Z',
};
const me = { username: 'alice' };
const zone = 'Europe/Berlin';
const load = (e: EventDto) => initialValues('edit', e, me, zone);

describe('merging the event form with the current version', () => {
  // Bob saved first: a new description, an outcome, a sub-technique and an end time.
  const theirsDto: EventDto = {
    ...base,
    version: 5,
    description: 'Dumped LSASS with procdump (bob)',
    outcome: 'EDR alerted',
    mitre_attack_subtechnique: 'T1003.002',
    timestamp_end: '2026-11-20T13:10:00.000Z',
    updated_by: 'bob',
  };
  // Alice, meanwhile: her own description, Detected, and edits that change nothing that would be written.
  const start = load(base);
  const mine = {
    ...start,
    description: 'Dumped LSASS from WS-042 (alice)',
    detected: 'FUL',
    tags: ['LSASS', 'Creds'],
    operator: ' alice ',
  };
  const diffs = diffThreeWay(
    EVENT_MERGE_FIELDS,
    comparableValues(load(base)),
    comparableValues(mine),
    comparableValues(load(theirsDto)),
  );

  it('lists each field that differs once, with who changed it', () => {
    expect(diffs).toEqual([
      { field: 'timestamp_end', changedBy: 'theirs' },
      { field: 'description', changedBy: 'both' },
      { field: 'attack', changedBy: 'theirs' },
      { field: 'outcome', changedBy: 'theirs' },
      { field: 'detected', changedBy: 'mine' },
    ]);
  });

  it('a time re-typed in another zone is no change if it is the same instant (to the millisecond)', () => {
    const whole = load({ ...base, timestamp: '2026-11-20T13:05:37.000Z' });
    const retyped = { ...whole, timestamp: { ...whole.timestamp, wall: '2026-11-20T13:05:37', zone: 'UTC' } };
    expect(comparableValues(retyped).timestamp).toBe(comparableValues(whole).timestamp);
    // Stored with milliseconds, which a re-typed time (to the second) would drop: that is a change.
    const retypedMs = {
      ...start,
      timestamp: { ...start.timestamp, wall: '2026-11-20T13:05:37', zone: 'UTC' },
    };
    expect(comparableValues(retypedMs).timestamp).not.toBe(comparableValues(start).timestamp);
  });

  it('writes the chosen side of every field, and the user’s own values elsewhere', () => {
    const theirs = load(theirsDto);
    const merged = applyChoices(mine, theirs, { ...initialChoices(diffs), description: 'mine' });
    const body = toRequestBody(merged, 'ACME').body;
    expect(body).toMatchObject({
      description: 'Dumped LSASS from WS-042 (alice)',
      outcome: 'EDR alerted',
      detected: 'FUL',
      mitre_attack_tactic: 'TA0006',
      mitre_attack_technique: 'T1003',
      mitre_attack_subtechnique: 'T1003.002',
      timestamp_end: '2026-11-20T13:10:00.000Z',
      tags: ['LSASS', 'Creds'],
    });
    const theirsWin = applyChoices(mine, theirs, { description: 'theirs', detected: 'theirs' });
    expect(toRequestBody(theirsWin, 'ACME').body).toMatchObject({
      description: 'Dumped LSASS with procdump (bob)',
      detected: 'UNK',
      // Not chosen as theirs: the user's own (unchanged) value stays.
      outcome: '',
    });
  });

  it('the limited form compares only outcome, Detected and Prevented', () => {
    const limited = diffThreeWay(
      LIMITED_MERGE_FIELDS,
      comparableValues(load(base)),
      comparableValues(mine),
      comparableValues(load(theirsDto)),
    );
    expect(limited.map((d) => d.field)).toEqual(['outcome', 'detected']);
  });

  it('reads each value as a user would: labels, the zone, and a word for nothing', () => {
    const theirs = load(theirsDto);
    expect(displayValue('detected', mine)).toBe('Alert Raised');
    expect(displayValue('prevented', mine)).toBe('Not Prevented');
    expect(displayValue('attack', theirs)).toBe('TA0006 › T1003 › T1003.002');
    expect(displayValue('timestamp_end', mine)).toBe('(no end time)');
    expect(displayValue('timestamp_end', theirs)).toContain('(Europe/Berlin)');
    expect(displayValue('outcome', mine)).toBe('(empty)');
    expect(displayValue('source', mine)).toBe('KALI-01 · op');
    expect(displayValue('files', mine)).toBe('(none)');
  });
});
