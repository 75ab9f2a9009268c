import { describe, expect, it } from 'vitest';
import type { RevisionDto } from '../../../history/history-api.ts';
import { attributeChanges } from './field-attribution.ts';

const revision = (seq: number, actor: string | null, at: string, keys: string[]): RevisionDto => ({
  id: seq,
  seq,
  action: 'update',
  at,
  actor,
  diff: Object.fromEntries(keys.map((k) => [k, ['before', 'after']])),
  snapshot: {},
});

describe('who changed each field since the version the user edited', () => {
  const history = [
    revision(1, 'alice', '2026-11-20T10:00:00.000Z', ['description', 'outcome', 'start_at']),
    // The version the user opened (version 2).
    revision(2, 'alice', '2026-11-20T10:05:00.010Z', ['outcome']),
    revision(3, 'bob', '2026-11-20T10:06:00.000Z', ['description', 'technique_id']),
    revision(4, null, '2026-11-20T10:07:00.000Z', ['description', 'end_at']),
  ];
  const base = { version: 2, updated_at: '2026-11-20T10:05:00.000Z' };

  it('names the newest writer of each field among the revisions after the base', () => {
    expect(attributeChanges(history, base, { version: 4 })).toEqual({
      description: { actor: null, at: '2026-11-20T10:07:00.000Z' },
      timestamp_end: { actor: null, at: '2026-11-20T10:07:00.000Z' },
      attack: { actor: 'bob', at: '2026-11-20T10:06:00.000Z' },
    });
  });

  it('never reaches back to the base or earlier, whatever the order the server sent', () => {
    const shuffled = [history[2], history[0], history[1]].filter((r) => r !== undefined);
    const one = attributeChanges(shuffled, base, { version: 3 });
    expect(one).toEqual({
      description: { actor: 'bob', at: '2026-11-20T10:06:00.000Z' },
      attack: { actor: 'bob', at: '2026-11-20T10:06:00.000Z' },
    });
    expect(one.outcome).toBeUndefined();
    // More versions than revisions since the base (a star does not write one): the time bound holds.
    expect(
      attributeChanges(history, { version: 2, updated_at: '2026-11-20T10:06:30.000Z' }, { version: 9 }),
    ).toEqual({
      description: { actor: null, at: '2026-11-20T10:07:00.000Z' },
      timestamp_end: { actor: null, at: '2026-11-20T10:07:00.000Z' },
    });
  });
});
