import type { EventDto, EventFields } from '@steppingstones/shared/events';
import { initialValues } from './form-values.ts';

/**
 * A clone draft's fields (EventStream line, C2 action, download or session) as the event form's
 * values, read as a stored event's shape so times keep their seconds. Nothing exists yet: the
 * contexts are created only when the form is saved.
 */
export function draftFormValues(fields: EventFields, me: { username: string }, zone: string) {
  const f = fields;
  const context = (c: { host?: string; user?: string; process?: string } | undefined) => ({
    id: null as unknown as number,
    host: c?.host ?? '',
    user: c?.user ?? '',
    process: c?.process ?? '',
    colour: null,
  });
  const asStored = {
    timestamp: f.timestamp,
    timestamp_end: f.timestamp_end ?? null,
    operator: f.operator ?? me.username,
    source: context(f.source),
    target: context(f.target),
    tags: f.tags ?? [],
    description: f.description,
    raw_evidence: f.raw_evidence ?? '',
    outcome: f.outcome ?? '',
    detected: f.detected ?? 'UNK',
    prevented: f.prevented ?? 'NEG',
    mitre_attack_tactic: f.mitre_attack_tactic ?? null,
    mitre_attack_technique: f.mitre_attack_technique ?? null,
    mitre_attack_subtechnique: f.mitre_attack_subtechnique ?? null,
    // A C2 action's first `file:` indicator comes as a file put on the target.
    files: (f.files ?? []).map((file) => ({
      file_id: file.file_id ?? null,
      filename: file.filename ?? '',
      size: file.size ?? null,
      md5: file.md5 ?? null,
      sha1: file.sha1 ?? null,
      sha256: file.sha256 ?? null,
      description: file.description ?? null,
      location: file.location ?? null,
      removed: file.removed ?? false,
    })),
  } as unknown as EventDto;
  return initialValues('edit', asStored, me, zone);
}
