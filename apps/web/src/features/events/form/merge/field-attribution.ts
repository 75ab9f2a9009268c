import type { EventDto } from '@steppingstones/shared/events';
import type { RevisionDto } from '../../../history/history-api.ts';
import type { EventMergeField } from './event-merge-fields.ts';

/** Who last changed a field, and when (ISO-8601 UTC). `actor` null: the system (CLI, worker, import). */
export interface Attribution {
  actor: string | null;
  at: string;
}

export type FieldAttributions = Partial<Record<EventMergeField, Attribution>>;

/** History diff keys (the revision snapshot's names) → the merge view's fields. */
const REVISION_FIELDS: Record<string, EventMergeField> = {
  start_at: 'timestamp',
  end_at: 'timestamp_end',
  operator_user_id: 'operator',
  source: 'source',
  target: 'target',
  description: 'description',
  raw_evidence: 'raw_evidence',
  tags: 'tags',
  tactic_id: 'attack',
  technique_id: 'attack',
  subtechnique_id: 'attack',
  outcome: 'outcome',
  detected: 'detected',
  prevented: 'prevented',
  files: 'files',
};

/**
 * Per field, the newest revision written after the version the user edited (`base`) that changed it.
 * Every write that bumps the version records one revision, so those are the newest
 * `theirs.version - base.version` revisions; the time bound keeps a history that does not line up
 * (an older server, a restore) from reaching further back than the user's own starting point.
 */
export function attributeChanges(
  revisions: readonly RevisionDto[],
  base: Pick<EventDto, 'version' | 'updated_at'>,
  theirs: Pick<EventDto, 'version'>,
): FieldAttributions {
  const since = Date.parse(base.updated_at);
  const newer = [...revisions]
    .sort((a, b) => b.seq - a.seq)
    .filter((r) => Date.parse(r.at) >= since)
    .slice(0, Math.max(0, theirs.version - base.version));
  const out: FieldAttributions = {};
  for (const r of newer)
    for (const key of Object.keys(r.diff)) {
      const field = REVISION_FIELDS[key];
      if (field && !out[field]) out[field] = { actor: r.actor, at: r.at };
    }
  return out;
}
