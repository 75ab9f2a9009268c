import type { Tx } from '@steppingstones/db';
import { ConflictError } from '../errors.ts';
import type { FileInputParsed } from '../files/file.service.ts';
import { type Principal, principalInEngagement } from '../permissions/index.ts';
import { REDACTION_MASK, redactEvidence, restoreMasks } from '../redaction/index.ts';
import { canSeeCredentials } from './event.redaction.ts';
import type { EventValues } from './event.write.ts';

/** The stored event a masked save is restored against (its row as loaded for the write). */
export interface StoredForRestore {
  id: number;
  engagement_id: number;
  description: string;
  raw_evidence: string;
  outcome: string;
  source_context_id: number;
  target_context_id: number;
}

type Relations = { tags?: string[]; files?: FileInputParsed[] };

const masked = (text: string | null | undefined): text is string => !!text?.includes(REDACTION_MASK);

/**
 * A reader without `credential.view` saves what they saw: every `«redacted»` still standing gets its
 * hidden value back (see `restoreMasks`), in the event's text, its contexts, tags and files, so a save
 * through the mask never writes the mask over the secret. Readers who see credentials save as typed.
 */
export async function restoreEventMasks(
  tx: Tx,
  principal: Principal,
  stored: StoredForRestore,
  values: EventValues,
  relations: Relations,
): Promise<void> {
  if (canSeeCredentials(principalInEngagement(principal, Number(stored.engagement_id)))) return;
  for (const field of ['description', 'raw_evidence', 'outcome'] as const)
    if (values[field] !== stored[field]) values[field] = restoreMasks(field, values[field], stored[field]);
  for (const side of ['source', 'target'] as const) {
    const ref = values[side];
    if ('id' in ref || !(masked(ref.host) || masked(ref.user) || masked(ref.process))) continue;
    const context = await tx
      .selectFrom('context')
      .select(['host', 'user', 'process'])
      .where('id', '=', Number(stored[`${side}_context_id`]))
      .executeTakeFirstOrThrow();
    values[side] = {
      host: restoreMasks(`${side}.host`, ref.host, context.host),
      user: restoreMasks(`${side}.user`, ref.user, context.user),
      process: restoreMasks(`${side}.process`, ref.process, context.process),
    };
  }
  if (relations.tags?.some(masked)) relations.tags = await restoreTags(tx, stored.id, relations.tags);
  if (relations.files?.some((f) => masked(f.filename) || masked(f.description) || masked(f.location)))
    relations.files = await restoreFiles(tx, stored.id, relations.files);
}

/** Tag names by their masked form: a masked name stands for the event's tag that reads the same. */
export function restoreTagNames(field: string, sent: string[], current: string[]): string[] {
  return sent.map((name) => {
    if (!masked(name)) return name;
    const same = [...new Set(current.filter((c) => redactEvidence(c) === name))];
    if (same.length === 1) return same[0]!;
    if (same.length > 1)
      throw new ConflictError(
        `${field}: the masked tag "${name}" stands for several tags; remove or keep them all from an account that may view credentials`,
        { field },
      );
    return restoreMasks(field, name, '');
  });
}

async function restoreTags(tx: Tx, eventId: number, tags: string[]): Promise<string[]> {
  const rows = await tx
    .selectFrom('event_tag')
    .innerJoin('tag', 'tag.id', 'event_tag.tag_id')
    .select('tag.name')
    .where('event_tag.event_id', '=', eventId)
    .execute();
  return restoreTagNames(
    'tags',
    tags,
    rows.map((r) => r.name),
  );
}

async function restoreFiles(tx: Tx, eventId: number, files: FileInputParsed[]): Promise<FileInputParsed[]> {
  const current = await tx
    .selectFrom('file_distribution')
    .innerJoin('file', 'file.id', 'file_distribution.file_id')
    .select(['file.id', 'file.filename', 'file.description', 'file_distribution.location'])
    .where('file_distribution.event_id', '=', eventId)
    .execute();
  return files.map((f, i) => {
    if (!(masked(f.filename) || masked(f.description) || masked(f.location))) return f;
    const field = `files.${i}`;
    const byName = current.filter((c) => f.filename && redactEvidence(c.filename) === f.filename);
    const was =
      f.file_id !== undefined
        ? current.find((c) => Number(c.id) === f.file_id)
        : byName.length === 1
          ? byName[0]
          : undefined;
    const back = (key: 'filename' | 'description' | 'location', text: string | null | undefined) =>
      masked(text) ? restoreMasks(`${field}.${key}`, text, was?.[key] ?? '') : text;
    return {
      ...f,
      ...(was && f.file_id === undefined ? { file_id: Number(was.id) } : {}),
      filename: back('filename', f.filename) ?? undefined,
      description: back('description', f.description),
      location: back('location', f.location),
    };
  });
}

/**
 * A bulk edit's tag names as the caller saw them: a masked name stands for the engagement's tag that
 * reads the same to them (adding or removing that tag); a mask standing for no tag is refused.
 */
export async function restoreBulkTagMasks<C extends { add_tags?: string[]; remove_tags?: string[] }>(
  tx: Tx,
  principal: Principal,
  engagementId: number,
  changes: C,
): Promise<C> {
  const names = [...(changes.add_tags ?? []), ...(changes.remove_tags ?? [])];
  if (!names.some(masked) || canSeeCredentials(principalInEngagement(principal, engagementId)))
    return changes;
  const rows = await tx.selectFrom('tag').select('name').where('engagement_id', '=', engagementId).execute();
  const current = rows.map((r) => r.name);
  return {
    ...changes,
    ...(changes.add_tags ? { add_tags: restoreTagNames('changes.add_tags', changes.add_tags, current) } : {}),
    ...(changes.remove_tags
      ? { remove_tags: restoreTagNames('changes.remove_tags', changes.remove_tags, current) }
      : {}),
  };
}
